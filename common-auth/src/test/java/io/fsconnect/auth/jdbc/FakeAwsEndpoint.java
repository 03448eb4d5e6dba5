package io.fsconnect.auth.jdbc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server answering STS AssumeRole and Redshift GetClusterCredentials as AWS does (query protocol, XML
 * answers). It records each call's form parameters and the access key that signed it.
 */
final class FakeAwsEndpoint implements AutoCloseable {

    record Call(Map<String, String> parameters, String signedBy) {
        String action() {
            return parameters.get("Action");
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();

    FakeAwsEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> calls(String action) {
        return calls.stream().filter(c -> action.equals(c.action())).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Call call = new Call(parameters, authorization.replaceAll(".*Credential=([^/]+)/.*", "$1"));
        calls.add(call);
        int number = issued.incrementAndGet();
        if ("AssumeRole".equals(call.action())) {
            reply(exchange, "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<AssumeRoleResult><Credentials><AccessKeyId>ASIA" + number + "</AccessKeyId>"
                    + "<SecretAccessKey>secret" + number + "</SecretAccessKey><SessionToken>token" + number
                    + "</SessionToken><Expiration>" + Instant.now().plusSeconds(3600) + "</Expiration></Credentials>"
                    + "<AssumedRoleUser><Arn>" + parameters.get("RoleArn") + "</Arn><AssumedRoleId>id:s"
                    + "</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
                    + "<ResponseMetadata><RequestId>r" + number + "</RequestId></ResponseMetadata></AssumeRoleResponse>");
            return;
        }
        String user = parameters.getOrDefault("DbUser", "auto");
        reply(exchange, "<GetClusterCredentialsResponse xmlns=\"http://redshift.amazonaws.com/doc/2012-12-01/\">"
                + "<GetClusterCredentialsResult><DbUser>IAM:" + user + "</DbUser>"
                + "<Expiration>" + Instant.now().plusSeconds(Long.parseLong(parameters.get("DurationSeconds")))
                + "</Expiration><DbPassword>temporary-" + number + "</DbPassword></GetClusterCredentialsResult>"
                + "<ResponseMetadata><RequestId>r" + number + "</RequestId></ResponseMetadata>"
                + "</GetClusterCredentialsResponse>");
    }

    private static void reply(HttpExchange exchange, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
