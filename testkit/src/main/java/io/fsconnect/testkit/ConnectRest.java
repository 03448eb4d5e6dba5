package io.fsconnect.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Kafka Connect REST API of a running worker, spoken over real HTTP. Each typed method maps to
 * one endpoint and throws a {@link ConnectRestException} carrying the status code and the response
 * body when the worker answers with anything but 2xx. A {@code 409 Conflict} (a rebalance or a
 * concurrent config change in progress) is retried for up to 60 s before it is reported, because
 * it says "not now" rather than "no". {@link #raw} makes any call and never throws for a status.
 * The {@code await*} methods poll the status endpoint until a deadline and fail with the last
 * status seen. Instances are thread-safe.
 */
public final class ConnectRest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CONFLICT_RETRY_TIMEOUT = Duration.ofSeconds(60);
    private static final String VALIDATION_NAME = "validation";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    private final Supplier<URI> baseUri;
    private final HttpClient http;

    ConnectRest(Supplier<URI> baseUri) {
        this.baseUri = baseUri;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A client for the worker whose REST listener is at {@code baseUri} (e.g. {@code http://localhost:8083/}). */
    public static ConnectRest at(URI baseUri) {
        Objects.requireNonNull(baseUri, "baseUri");
        return new ConnectRest(() -> baseUri);
    }

    /** The base URI calls currently go to; in a cluster, the first worker that is running. */
    public URI baseUri() {
        return baseUri.get();
    }

    /** {@code PUT /connectors/{name}/config}: creates the connector or replaces its configuration. */
    public ConnectorInfo putConfig(String connector, Map<String, String> config) {
        JsonNode info = call("PUT", connectorPath(connector) + "/config", json(config));
        Map<String, String> stored = JSON.convertValue(info.path("config"), STRINGS);
        List<Integer> tasks = new ArrayList<>();
        info.path("tasks").forEach(task -> tasks.add(task.path("task").asInt()));
        return new ConnectorInfo(info.path("name").asText(connector), stored == null ? Map.of() : stored, tasks);
    }

    /** {@code GET /connectors/{name}/config}: the configuration as stored (placeholders unresolved). */
    public Map<String, String> config(String connector) {
        return JSON.convertValue(call("GET", connectorPath(connector) + "/config", null), STRINGS);
    }

    /** {@code GET /connectors/{name}/tasks}: each task's configuration, ordered by task id. */
    public List<Map<String, String>> taskConfigs(String connector) {
        List<JsonNode> tasks = new ArrayList<>();
        call("GET", connectorPath(connector) + "/tasks", null).forEach(tasks::add);
        tasks.sort(Comparator.comparingInt(task -> task.path("id").path("task").asInt()));
        List<Map<String, String>> configs = new ArrayList<>();
        for (JsonNode task : tasks) {
            configs.add(JSON.convertValue(task.path("config"), STRINGS));
        }
        return configs;
    }

    /** {@code GET /connectors/{name}/status}. */
    public ConnectorStatus status(String connector) {
        return parseStatus(call("GET", connectorPath(connector) + "/status", null));
    }

    /** {@code PUT /connectors/{name}/pause}; the pause takes effect asynchronously. */
    public void pause(String connector) {
        call("PUT", connectorPath(connector) + "/pause", null);
    }

    /** {@code PUT /connectors/{name}/resume}; also starts a stopped connector again. */
    public void resume(String connector) {
        call("PUT", connectorPath(connector) + "/resume", null);
    }

    /** {@code PUT /connectors/{name}/stop}: shuts the connector and its tasks down, keeping its config and offsets. */
    public void stop(String connector) {
        call("PUT", connectorPath(connector) + "/stop", null);
    }

    /** {@code POST /connectors/{name}/restart?includeTasks=..&onlyFailed=..}. */
    public void restart(String connector, boolean includeTasks, boolean onlyFailed) {
        call("POST", connectorPath(connector) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed, null);
    }

    /** {@code POST /connectors/{name}/tasks/{task}/restart}. */
    public void restartTask(String connector, int task) {
        call("POST", connectorPath(connector) + "/tasks/" + task + "/restart", null);
    }

    /** {@code DELETE /connectors/{name}}; the connector disappears asynchronously, see {@link #awaitDeleted}. */
    public void delete(String connector) {
        call("DELETE", connectorPath(connector), null);
    }

    /** {@code GET /connectors}: the names of all connectors, sorted. */
    public List<String> connectors() {
        List<String> names = new ArrayList<>(JSON.convertValue(call("GET", "/connectors", null), STRING_LIST));
        names.sort(null);
        return names;
    }

    /**
     * {@code PUT /connector-plugins/{simple class name}/config/validate}. {@code connectorClass} may be
     * the fully qualified or the simple class name. When {@code config} lacks them,
     * {@code connector.class} (the given name, which the worker needs to pick the plugin) and
     * {@code name} ({@value #VALIDATION_NAME}) are added, so the result shows only the errors of the
     * connector's own keys unless the test sets those two itself.
     */
    public ValidationResult validate(String connectorClass, Map<String, String> config) {
        String simpleName = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        Map<String, String> body = new LinkedHashMap<>(config);
        body.putIfAbsent("connector.class", connectorClass);
        body.putIfAbsent("name", VALIDATION_NAME);
        JsonNode answer = call("PUT", "/connector-plugins/" + encode(simpleName) + "/config/validate", json(body));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode entry : answer.path("configs")) {
            JsonNode value = entry.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(message -> messages.add(message.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asText(), List.copyOf(messages));
            }
        }
        return new ValidationResult(answer.path("error_count").asInt(), errors);
    }

    /** {@code GET /connector-plugins}: the source and sink connector plugins the worker found. */
    public List<PluginInfo> connectorPlugins() {
        List<PluginInfo> plugins = new ArrayList<>();
        for (JsonNode plugin : call("GET", "/connector-plugins", null)) {
            plugins.add(new PluginInfo(
                    plugin.path("class").asText(), plugin.path("type").asText(), plugin.path("version").asText()));
        }
        return plugins;
    }

    /** {@code GET /connectors/{name}/offsets}, as the raw JSON object ({@code {"offsets": [...]}}). */
    public Map<String, Object> offsets(String connector) {
        return JSON.convertValue(call("GET", connectorPath(connector) + "/offsets", null), OBJECT);
    }

    /** {@code PATCH /connectors/{name}/offsets} with {@code body} (e.g. {@code {"offsets": [...]}}); the connector must be stopped. */
    public void alterOffsets(String connector, Map<String, Object> body) {
        call("PATCH", connectorPath(connector) + "/offsets", json(body));
    }

    /** {@code DELETE /connectors/{name}/offsets}; the connector must be stopped. */
    public void resetOffsets(String connector) {
        call("DELETE", connectorPath(connector) + "/offsets", null);
    }

    /**
     * Makes any call: {@code path} is relative to the base URI (e.g. {@code "/connectors/x/status"})
     * and {@code jsonBody} may be null. Never throws for an HTTP status; only for an I/O failure.
     */
    public HttpResult raw(String method, String path, String jsonBody) {
        return send(method, path, jsonBody);
    }

    /** Waits until the connector and exactly {@code tasks} tasks are RUNNING; returns that status. */
    public ConnectorStatus awaitRunning(String connector, int tasks, Duration timeout) {
        return awaitStatus("connector '" + connector + "' and exactly " + tasks + " task(s) to be RUNNING",
                connector, timeout,
                status -> status.state().equals("RUNNING") && status.tasks().size() == tasks
                        && status.tasksIn("RUNNING") == tasks);
    }

    /**
     * Waits until the connector is in {@code state} (e.g. {@code PAUSED}, {@code STOPPED}). For
     * {@code PAUSED} every task must be paused too, and for {@code STOPPED} no task may be left, so
     * that no task is still processing records when this returns.
     */
    public ConnectorStatus awaitState(String connector, String state, Duration timeout) {
        return awaitStatus("connector '" + connector + "' to be " + state, connector, timeout,
                status -> status.state().equals(state) && switch (state) {
                    case "PAUSED" -> status.tasksIn(state) == status.tasks().size();
                    case "STOPPED" -> status.tasks().isEmpty();
                    default -> true;
                });
    }

    /** Waits until some task of the connector is FAILED; the returned status carries its trace. */
    public ConnectorStatus awaitTaskFailed(String connector, Duration timeout) {
        return awaitStatus("a task of connector '" + connector + "' to fail", connector, timeout,
                status -> status.tasksIn("FAILED") > 0);
    }

    /** Waits until the worker no longer lists the connector and its status is gone (404). */
    public void awaitDeleted(String connector, Duration timeout) {
        AtomicReference<String> seen = new AtomicReference<>("nothing yet");
        Await.until("connector '" + connector + "' to be deleted", timeout, () -> {
            if (connectors().contains(connector)) {
                seen.set("still listed by GET /connectors");
                return false;
            }
            HttpResult status = raw("GET", connectorPath(connector) + "/status", null);
            seen.set("status HTTP " + status.status() + " " + status.body());
            return status.status() == 404;
        }, seen::get);
    }

    private ConnectorStatus awaitStatus(String what, String connector, Duration timeout, Predicate<ConnectorStatus> done) {
        AtomicReference<String> seen = new AtomicReference<>("no status yet");
        return Await.value(what, timeout, () -> {
            HttpResult result = raw("GET", connectorPath(connector) + "/status", null);
            if (!result.isSuccess()) {
                seen.set("HTTP " + result.status() + " " + result.body());
                return Optional.empty();
            }
            ConnectorStatus status = parseStatus(parse("GET", connectorPath(connector) + "/status", result.body()));
            seen.set(fullDescription(status));
            return done.test(status) ? Optional.of(status) : Optional.empty();
        }, seen::get);
    }

    private static String fullDescription(ConnectorStatus status) {
        StringBuilder text = new StringBuilder(status.summary());
        status.trace().ifPresent(trace -> text.append("\nconnector trace: ").append(trace));
        status.tasks().forEach(task -> task.trace()
                .ifPresent(trace -> text.append("\ntask ").append(task.id()).append(" trace: ").append(trace)));
        return text.toString();
    }

    private static ConnectorStatus parseStatus(JsonNode status) {
        JsonNode connector = status.path("connector");
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode task : status.path("tasks")) {
            tasks.add(new TaskStatus(task.path("id").asInt(), task.path("state").asText(),
                    task.path("worker_id").asText(), text(task, "trace")));
        }
        tasks.sort(Comparator.comparingInt(TaskStatus::id));
        return new ConnectorStatus(status.path("name").asText(), connector.path("state").asText(),
                connector.path("worker_id").asText(), tasks, text(connector, "trace"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty() : Optional.of(value.asText());
    }

    /** A typed call: retries 409 for a while, throws for any other non-2xx, parses the JSON body. */
    private JsonNode call(String method, String path, String body) {
        long deadline = System.nanoTime() + CONFLICT_RETRY_TIMEOUT.toNanos();
        long backoffMs = 50;
        HttpResult result = send(method, path, body);
        while (result.status() == 409 && System.nanoTime() < deadline) {
            backOff(backoffMs, method, path);
            backoffMs = Math.min(backoffMs * 2, 1000);
            result = send(method, path, body);
        }
        if (!result.isSuccess()) {
            throw new ConnectRestException(method, path, result.status(), result.body(), hint(result.body()));
        }
        return parse(method, path, result.body());
    }

    private static void backOff(long millis, String method, String path) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot " + method + " " + path + ": interrupted while the worker was busy", e);
        }
    }

    private static String hint(String body) {
        if (body.contains("Failed to find any class that implements Connector")) {
            return ". Workers started by the testkit use plugin.discovery=service_load: a connector is found only if"
                    + " its jar lists it in META-INF/services/org.apache.kafka.connect.source.SourceConnector"
                    + " or ...sink.SinkConnector";
        }
        return "";
    }

    private HttpResult send(String method, String path, String body) {
        URI uri = baseUri().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new HttpResult(response.statusCode(), response.body() == null ? "" : response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot " + method + " " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot " + method + " " + uri + ": interrupted", e);
        }
    }

    private static JsonNode parse(String method, String path, String body) {
        if (body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot parse the answer to " + method + " " + path + " as JSON: " + body, e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write a request body as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String connectorPath(String connector) {
        return "/connectors/" + encode(connector);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
