package io.fsconnect.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback port that answers requests from a script, to show how a store's client retries:
 * the n-th request whose path starts with a given prefix gets the n-th reply of that prefix's script, and every
 * request after the script ran out gets its last reply. It counts the requests of each prefix; a request no script
 * covers gets 500 and is recorded, so a test can tell that nothing unexpected was asked.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();

    /** One answer: a status, headers and a body. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public static Reply of(int status, String contentType, String body) {
            return new Reply(status, Map.of("Content-Type", contentType), body);
        }
    }

    private ScriptedHttpServer(HttpServer server) {
        this.server = server;
    }

    public static ScriptedHttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ScriptedHttpServer scripted = new ScriptedHttpServer(server);
        server.createContext("/", scripted::handle);
        server.start();
        return scripted;
    }

    /** Answers requests whose path starts with {@code pathPrefix} with {@code replies}, in order, the last forever. */
    public ScriptedHttpServer answer(String pathPrefix, Reply... replies) {
        scripts.put(pathPrefix, List.of(replies));
        counts.put(pathPrefix, new AtomicInteger());
        return this;
    }

    /** How many requests the script of {@code pathPrefix} has answered. */
    public int requests(String pathPrefix) {
        return counts.get(pathPrefix).get();
    }

    /** Method and path of every request no script covered. */
    public List<String> unexpectedRequests() {
        return List.copyOf(unexpected);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            Reply reply = scripts.entrySet().stream().filter(script -> path.startsWith(script.getKey())).findFirst()
                    .map(script -> {
                        int n = counts.get(script.getKey()).getAndIncrement();
                        List<Reply> replies = script.getValue();
                        return replies.get(Math.min(n, replies.size() - 1));
                    })
                    .orElseGet(() -> {
                        unexpected.add(exchange.getRequestMethod() + " " + path);
                        return Reply.of(500, "text/plain", "no script for " + path);
                    });
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(reply.status(), noBody ? -1 : bytes.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
