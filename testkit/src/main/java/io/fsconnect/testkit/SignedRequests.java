package io.fsconnect.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Creates the bucket or container a test writes to, with one signed HTTP request, so that connector tests need no
 * cloud SDK: S3's CreateBucket signed with SigV4 (path-style, against any S3 endpoint such as Ceph RGW or S3Proxy),
 * and Azure Blob's Create Container signed with the account's shared key (Azurite or a real account). Each call
 * either creates the bucket or container, or throws {@link IllegalStateException} naming it with the server's status
 * and answer, including when it already exists; nothing is retried. Stateless and safe to use from any thread.
 */
public final class SignedRequests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String AZURE_VERSION = "2021-12-02";

    private SignedRequests() {
    }

    /** Creates {@code bucket} on the S3 server at {@code endpoint} (path style). */
    public static void createS3Bucket(URI endpoint, String region, String accessKey, String secretKey, String bucket)
            throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String amzDate = now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        String day = amzDate.substring(0, 8);
        String host = endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
        String canonical = "PUT\n/" + bucket + "\n\nhost:" + host + "\nx-amz-content-sha256:" + EMPTY_SHA256
                + "\nx-amz-date:" + amzDate + "\n\nhost;x-amz-content-sha256;x-amz-date\n" + EMPTY_SHA256;
        String scope = day + "/" + region + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(hmac(hmac(key, region), "s3"), "aws4_request");
        String authorization = "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope
                + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + hex(hmac(key, toSign));
        send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket))
                .header("x-amz-date", amzDate)
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(), "create bucket " + bucket);
    }

    /** Creates {@code container} in the account whose Blob endpoint is {@code accountEndpoint}. */
    public static void createAzureContainer(URI accountEndpoint, String account, String accountKey, String container)
            throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        URI uri = URI.create(accountEndpoint.toString().replaceAll("/+$", "") + "/" + container + "?restype=container");
        // VERB, then eleven standard headers (all empty here, Content-Length 0 included), then x-ms-* and resource.
        String toSign = "PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:" + date + "\nx-ms-version:" + AZURE_VERSION + "\n/"
                + account + uri.getRawPath() + "\nrestype:container";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(accountKey), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        send(HttpRequest.newBuilder(uri)
                .header("x-ms-date", date)
                .header("x-ms-version", AZURE_VERSION)
                .header("Authorization", "SharedKey " + account + ":" + signature)
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(), "create container " + container);
    }

    private static void send(HttpRequest request, String what) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Cannot " + what + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static byte[] sha256(String text) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
    }
}
