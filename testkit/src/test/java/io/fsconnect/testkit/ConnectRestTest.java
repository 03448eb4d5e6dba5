package io.fsconnect.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Error handling of {@link ConnectRest} against a small local HTTP server that answers like a worker. */
class ConnectRestTest {

    private HttpServer server;
    private ConnectRest rest;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        rest = ConnectRest.at(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void notFoundCarriesStatusAndBody() {
        answer("/connectors/missing/status", 404, "{\"error_code\":404,\"message\":\"No status found for connector missing\"}");

        assertThatThrownBy(() -> rest.status("missing"))
                .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.method()).isEqualTo("GET");
                    assertThat(e.path()).isEqualTo("/connectors/missing/status");
                    assertThat(e.body()).contains("No status found for connector missing");
                })
                .hasMessageStartingWith("Cannot GET /connectors/missing/status: the worker answered HTTP 404")
                .hasMessageContaining("No status found for connector missing");
    }

    @Test
    void badRequestCarriesBodyAndSendsTheConfigAsJson() {
        answer("/connectors/c1/config", 400, "{\"error_code\":400,\"message\":\"Connector configuration is invalid\"}");

        assertThatThrownBy(() -> rest.putConfig("c1", Map.of("connector.class", "Nope")))
                .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).contains("Connector configuration is invalid");
                });
        assertThat(requests).containsExactly("PUT /connectors/c1/config {\"connector.class\":\"Nope\"}");
    }

    @Test
    void missingPluginExplainsServiceLoading() {
        answer("/connectors/c1/config", 500,
                "{\"error_code\":500,\"message\":\"Failed to find any class that implements Connector and which name matches x.Y\"}");

        assertThatThrownBy(() -> rest.putConfig("c1", Map.of("connector.class", "x.Y")))
                .hasMessageContaining("plugin.discovery=service_load")
                .hasMessageContaining("META-INF/services");
    }

    @Test
    void conflictIsRetriedUntilTheWorkerAccepts() {
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/connectors/c1/pause", exchange -> {
            if (calls.incrementAndGet() < 3) {
                reply(exchange, 409, "{\"error_code\":409,\"message\":\"Cannot complete request because of a conflicting operation\"}");
            } else {
                reply(exchange, 202, "");
            }
        });

        rest.pause("c1");

        assertThat(calls).hasValue(3);
    }

    @Test
    void rawReturnsErrorsInsteadOfThrowing() {
        answer("/connectors/c1", 404, "{\"message\":\"Connector c1 not found\"}");

        HttpResult result = rest.raw("GET", "/connectors/c1", null);

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.body()).contains("Connector c1 not found");
    }

    @Test
    void statusIsParsedWithTraces() {
        answer("/connectors/c1/status", 200, """
                {"name":"c1","connector":{"state":"RUNNING","worker_id":"w1:8083"},
                 "tasks":[{"id":1,"state":"FAILED","worker_id":"w2:8083","trace":"boom\\n\\tat x"},
                          {"id":0,"state":"RUNNING","worker_id":"w1:8083"}],"type":"source"}""");

        ConnectorStatus status = rest.status("c1");

        assertThat(status.state()).isEqualTo("RUNNING");
        assertThat(status.trace()).isEmpty();
        assertThat(status.tasks()).extracting(TaskStatus::id).containsExactly(0, 1);
        assertThat(status.task(1).orElseThrow().trace()).contains("boom\n\tat x");
        assertThat(status.summary()).isEqualTo("c1=RUNNING tasks=[0=RUNNING, 1=FAILED (boom)]");
    }

    private void answer(String path, int status, String body) {
        server.createContext(path, exchange -> reply(exchange, status, body));
    }

    private void reply(HttpExchange exchange, int status, String body) throws IOException {
        String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + (requestBody.isEmpty() ? "" : " " + requestBody));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
