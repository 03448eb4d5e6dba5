package io.fsconnect.bench;

import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.testkit.CephRgwServer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A bucket on a Ceph RADOS Gateway started for the scenario (a real S3 implementation in processes of its own,
 * so its HTTP server does not share the scenario JVM), one key prefix per run. The connector gets the bucket as
 * an S3 data source with static keys, endpoint and path-style access; the baseline opens the same data source
 * through {@link ObjectStores#open} with the sink's default upload tuning (8 MiB parts), so both write through
 * the same adapter and client settings. The bucket is created with {@link S3BucketCreation}.
 */
final class RgwSinkTarget implements SinkTarget {

    private static final String BUCKET = "bench";

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
            CephRgwServer.User user = rgw.createUser("bench");
            S3BucketCreation.create(rgw.endpoint(), rgw.region(), user.accessKeyId(), user.secretAccessKey(), BUCKET);
            return new RgwSinkTarget(rgw, user);
        } catch (RuntimeException | Error e) {
            rgw.close();
            throw e;
        } catch (Exception e) {
            rgw.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Cannot create bucket " + BUCKET + " on " + rgw.endpoint() + ": " + e, e);
        }
    }

    @Override
    public Map<String, String> connectorKeys(String run) {
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
}
