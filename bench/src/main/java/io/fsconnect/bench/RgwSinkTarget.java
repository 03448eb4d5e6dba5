package io.fsconnect.bench;

import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.testkit.CephRgwServer;
import io.fsconnect.testkit.ConnectRest;
import java.io.IOException;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A bucket on a Ceph RADOS Gateway started for the scenario (a real S3 implementation in processes of its own,
 * so its HTTP server does not share the scenario JVM), one key prefix per run. The connector gets the bucket as
 * an S3 data source with static keys, endpoint and path-style access; the baseline opens the same data source
 * through {@link ObjectStores#open} with the sink's default upload tuning (8 MiB parts), so both write through
 * the same adapter and client settings.
 */
final class RgwSinkTarget implements SinkTarget {

    private static final String BUCKET = "bench";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final CephRgwServer rgw;
    private final CephRgwServer.User user;

    private RgwSinkTarget(CephRgwServer rgw, CephRgwServer.User user) {
        this.rgw = rgw;
        this.user = user;
    }

    /** Starts the gateway, creates a user and the bucket. */
    static RgwSinkTarget start() {
        CephRgwServer rgw = CephRgwServer.start();
        try {
            RgwSinkTarget target = new RgwSinkTarget(rgw, rgw.createUser("bench"));
            target.createBucket();
            return target;
        } catch (RuntimeException | Error e) {
            rgw.close();
            throw e;
        }
    }

    @Override
    public Map<String, String> connectorKeys(ConnectRest rest, Map<String, String> otherKeys, String run) {
        Map<String, String> keys = new HashMap<>();
        dataSource(run).forEach((key, value) -> keys.put("datasource." + key, value));
        return keys;
    }

    @Override
    public ObjectStore open(String run) throws IOException {
        DataSource source = DataSourceParser.validateDefinition(dataSource(run)).orElseThrow();
        return ObjectStores.open(source, ObjectStores.Tuning.DEFAULTS);
    }

    @Override
    public void close() {
        rgw.close();
    }

    private Map<String, String> dataSource(String run) {
        return Map.of("type", "s3", "name", "bench", "bucket", BUCKET, "path", run, "region", rgw.region(),
                "endpoint", rgw.endpoint().toString(), "path.style.access", "true",
                "access.key.id", user.accessKeyId(), "secret.access.key", user.secretAccessKey());
    }

    /** CreateBucket, signed with SigV4: the harness keeps cloud SDK types out of its own code. */
    private void createBucket() {
        URI endpoint = rgw.endpoint();
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        String day = amzDate.substring(0, 8);
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        String signedHeaders = "host;x-amz-content-sha256;x-amz-date";
        String canonical = "PUT\n/" + BUCKET + "\n\nhost:" + host + "\nx-amz-content-sha256:" + EMPTY_SHA256
                + "\nx-amz-date:" + amzDate + "\n\n" + signedHeaders + "\n" + EMPTY_SHA256;
        String scope = day + "/" + rgw.region() + "/s3/aws4_request";
        try {
            String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonical.getBytes(StandardCharsets.UTF_8)));
            byte[] key = ("AWS4" + user.secretAccessKey()).getBytes(StandardCharsets.UTF_8);
            for (String part : new String[] {day, rgw.region(), "s3", "aws4_request"}) {
                key = hmac(key, part);
            }
            HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/" + BUCKET))
                    .header("x-amz-date", amzDate)
                    .header("x-amz-content-sha256", EMPTY_SHA256)
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + user.accessKeyId() + "/" + scope
                            + ", SignedHeaders=" + signedHeaders + ", Signature="
                            + HexFormat.of().formatHex(hmac(key, toSign)))
                    .PUT(HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("Cannot create bucket " + BUCKET + " on " + endpoint + ": HTTP "
                        + answer.statusCode() + ": " + answer.body());
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create bucket " + BUCKET + " on " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot create bucket " + BUCKET + ": interrupted", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
