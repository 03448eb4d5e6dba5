package io.fsconnect.auth.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local HTTP server answering STS AssumeRole like AWS does, with sessions that expire by the given clock; it
 * records every call (form parameters and the access key that signed it) and numbers the credentials it issues
 * ({@code ASIA1}, {@code ASIA2}, ...). {@link #deny(String)} makes it refuse calls as STS does.
 */
final class FakeSts implements AutoCloseable {

    /** One AssumeRole call as received. */
    record Call(Map<String, String> parameters, String signedBy) {
    }

    private final HttpServer server;
    private final Clock clock;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> denial = new AtomicReference<>();

    FakeSts(Clock clock) {
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    void deny(String message) {
        denial.set(message);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = new HashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String signedBy = authorization.replaceAll(".*Credential=([^/]+)/.*", "$1");
        calls.add(new Call(parameters, signedBy));
        String message = denial.get();
        if (message != null) {
            reply(exchange, 403, "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                    + "<Type>Sender</Type><Code>AccessDenied</Code><Message>" + message + "</Message></Error>"
                    + "<RequestId>r</RequestId></ErrorResponse>");
            return;
        }
        int number = issued.incrementAndGet();
        Instant expiration = clock.instant().plusSeconds(Long.parseLong(parameters.get("DurationSeconds")));
        reply(exchange, 200, "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleResult><Credentials><AccessKeyId>ASIA" + number + "</AccessKeyId>"
                + "<SecretAccessKey>secret" + number + "</SecretAccessKey><SessionToken>token" + number
                + "</SessionToken><Expiration>" + expiration + "</Expiration></Credentials>"
                + "<AssumedRoleUser><Arn>" + parameters.get("RoleArn") + "</Arn><AssumedRoleId>id:"
                + parameters.get("RoleSessionName") + "</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>r" + number + "</RequestId></ResponseMetadata></AssumeRoleResponse>");
    }

    private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
