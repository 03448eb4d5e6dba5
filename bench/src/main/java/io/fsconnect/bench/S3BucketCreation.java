package io.fsconnect.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Creates the bucket an S3 scenario writes its files to: one path-style {@code PUT /<bucket>} signed with AWS
 * Signature Version 4, since the harness keeps to the store adapters and uses no cloud SDK of its own, and the
 * adapters never create buckets (a connector must not).
 */
final class S3BucketCreation {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String NO_PAYLOAD_HASH = hex(sha256(new byte[0]));

    private S3BucketCreation() {
    }

    /**
     * Creates {@code bucket} on the S3 server at {@code endpoint} with the given access key pair.
     *
     * @throws IllegalStateException if the server does not answer 2xx
     */
    static void create(URI endpoint, String region, String accessKeyId, String secretAccessKey, String bucket)
            throws Exception {
        String stamp = STAMP.format(Instant.now());
        String day = stamp.substring(0, 8);
        String authority = endpoint.getRawAuthority();
        String signedHeaders = "host;x-amz-content-sha256;x-amz-date";
        String canonicalRequest = String.join("\n", "PUT", "/" + bucket, "",
                "host:" + authority, "x-amz-content-sha256:" + NO_PAYLOAD_HASH, "x-amz-date:" + stamp, "",
                signedHeaders, NO_PAYLOAD_HASH);
        String scope = String.join("/", day, region, "s3", "aws4_request");
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", stamp, scope,
                hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] signingKey = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        for (String part : scope.split("/")) {
            signingKey = hmacSha256(signingKey, part);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/" + bucket))
                .header("x-amz-date", stamp)
                .header("x-amz-content-sha256", NO_PAYLOAD_HASH)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope
                        + ", SignedHeaders=" + signedHeaders + ", Signature="
                        + hex(hmacSha256(signingKey, stringToSign)))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Cannot create bucket " + bucket + " at " + endpoint + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    private static byte[] hmacSha256(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot hash with SHA-256: " + e.getMessage(), e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
