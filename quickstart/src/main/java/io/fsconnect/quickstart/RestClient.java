package io.fsconnect.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The few Connect REST API calls the quickstart makes, over real HTTP, exactly as a user would make them
 * with curl. A call that does not succeed throws, carrying the status code and the worker's answer.
 */
final class RestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RestClient(URI base) {
        this.base = base;
    }

    /** {@code PUT /connectors/{name}/config}: creates or updates a connector. */
    void putConnector(String name, Map<String, String> config) throws IOException, InterruptedException {
        send("PUT", "connectors/" + name + "/config", JSON.writeValueAsString(config));
    }

    /**
     * {@code GET /connectors/{name}/status}; empty while the worker has not yet recorded a status for a
     * connector it has just accepted (it answers 404 for a moment).
     */
    Optional<JsonNode> status(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange("GET", "connectors/" + name + "/status", null);
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(parse("GET", "connectors/" + name + "/status", response));
    }

    /** {@code GET /connector-plugins}. */
    JsonNode connectorPlugins() throws IOException, InterruptedException {
        return send("GET", "connector-plugins", null);
    }

    private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        return parse(method, path, exchange(method, path, body));
    }

    private HttpResponse<String> exchange(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode parse(String method, String path, HttpResponse<String> response) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Cannot " + method + " " + base.resolve(path) + ": HTTP " + response.statusCode()
                + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
