package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.AzuriteServer;
import io.fsconnect.testkit.CephRgwServer;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.SignedRequests;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink on a real Connect cluster writing to real store servers through data sources, each run read back through
 * the store: S3 on S3Proxy (access keys, endpoint, path-style, conditional creates), Azure Blob on Azurite (ADLS
 * data source, account key), and S3 on Ceph RGW with a role assumed through RGW's STS.
 */
class ObjectStoreSinkCloudIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String S3_ACCESS_KEY = LocalS3Server.ACCESS_KEY;
    private static final String S3_SECRET_KEY = LocalS3Server.SECRET_KEY;
    private static final String ALL_OF_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:*\"],\"Resource\":[\"arn:aws:s3:::*\"]}]}";

    private static ConnectCluster cluster;
    private static LocalS3Server s3proxy;
    private static URI s3proxyEndpoint;
    private static AzuriteServer azurite;
    private static CephRgwServer rgw;

    @BeforeAll
    static void start() throws Exception {
        s3proxy = LocalS3Server.start();
        s3proxyEndpoint = s3proxy.endpoint();
        azurite = AzuriteServer.start();
        rgw = CephRgwServer.start();
        cluster = ConnectCluster.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (rgw != null) {
            rgw.close();
        }
        if (azurite != null) {
            azurite.close();
        }
        if (s3proxy != null) {
            s3proxy.close();
        }
    }

    @Test
    void writesToS3ThroughAnEndpointWithPathStyleAccess() throws Exception {
        SignedRequests.createS3Bucket(s3proxyEndpoint, "us-east-1", S3_ACCESS_KEY, S3_SECRET_KEY, "training");
        Map<String, String> source = s3ProxySource("training");

        runAndReadBack("s3-orders", source);
    }

    @Test
    void writesToAdlsGen2ThroughItsBlobEndpoint() throws Exception {
        SignedRequests.createAzureContainer(azurite.blobEndpoint(), azurite.accountName(), azurite.accountKey(),
                "training");
        Map<String, String> source = new LinkedHashMap<>();
        source.put("type", "adls");
        source.put("name", "lake");
        source.put("account.name", azurite.accountName());
        source.put("container", "training");
        source.put("path", "feature-store");
        source.put("endpoint", azurite.blobEndpoint().toString());
        source.put("account.key", azurite.accountKey());

        runAndReadBack("adls-orders", source);
    }

    @Test
    void writesToS3WithAnAssumedRole() throws Exception {
        CephRgwServer.User alice = rgw.createUser("alice");
        String role = rgw.createRole("training-writer", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"AWS\":[\"" + rgw.userArn("alice") + "\"]},\"Action\":"
                + "[\"sts:AssumeRole\"]}]}", ALL_OF_S3);
        SignedRequests.createS3Bucket(rgw.endpoint(), rgw.region(), alice.accessKeyId(), alice.secretAccessKey(),
                "features");
        Map<String, String> source = new LinkedHashMap<>();
        source.put("type", "s3");
        source.put("name", "rgw");
        source.put("bucket", "features");
        source.put("path", "offline");
        source.put("region", rgw.region());
        source.put("endpoint", rgw.endpoint().toString());
        source.put("path.style.access", "true");
        source.put("iam.role", role);
        source.put("iam.source.access.key.id", alice.accessKeyId());
        source.put("iam.source.secret.access.key", alice.secretAccessKey());
        source.put("sts.endpoint", rgw.endpoint().toString());

        runAndReadBack("role-orders", source);
    }

    @Test
    void anObjectAnEarlierAttemptLeftIsReplacedByTheReplayOnS3() throws Exception {
        // S3Proxy enforces conditional creates, so the sink writes through its fencing here.
        SignedRequests.createS3Bucket(s3proxyEndpoint, "us-east-1", S3_ACCESS_KEY, S3_SECRET_KEY, "replayed");
        Map<String, String> source = s3ProxySource("replayed");
        String left = "topics/replayed/partition=0/replayed+0+00000000000000000000.jsonl";
        try (ObjectStore store = open(source); ObjectUpload upload = store.create(left)) {
            upload.write("0\n1\n".getBytes(StandardCharsets.UTF_8));
        }
        cluster.createTopic("replayed", 1);
        produce("replayed", 4);

        cluster.rest().putConfig("replayed-sink", sinkConfig("replayed", source));
        cluster.rest().awaitRunning("replayed-sink", 1, TIMEOUT);
        Await.until("the replay's file over the one left before", TIMEOUT, () -> {
            try {
                return read(source, left).equals("0\n1\n2\n3\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(cluster.rest().status("replayed-sink").tasks()).allMatch(task -> task.state().equals("RUNNING"));
        cluster.rest().delete("replayed-sink");
    }

    @Test
    void validationWithTheConnectionCheckShowsWhatFailsOnTheKeyToFix() throws Exception {
        SignedRequests.createS3Bucket(s3proxyEndpoint, "us-east-1", S3_ACCESS_KEY, S3_SECRET_KEY, "checked");
        String wrongSecret = "planted-" + java.util.UUID.randomUUID();

        Map<String, String> good = sinkConfig("checked", s3ProxySource("checked"));
        good.put("validate.connection", "true");
        assertThat(cluster.rest().validate(ObjectStoreSinkConnector.class.getName(), good).errorsByKey()).isEmpty();

        Map<String, String> missingBucket = sinkConfig("checked", s3ProxySource("no-such-bucket"));
        missingBucket.put("validate.connection", "true");
        assertThat(cluster.rest().validate(ObjectStoreSinkConnector.class.getName(), missingBucket).errorsByKey())
                .containsKey("datasource.bucket");

        Map<String, String> wrongKey = sinkConfig("checked", s3ProxySource("checked"));
        wrongKey.put("datasource.secret.access.key", wrongSecret);
        wrongKey.put("validate.connection", "true");
        Map<String, List<String>> errors = cluster.rest().validate(ObjectStoreSinkConnector.class.getName(), wrongKey)
                .errorsByKey();
        assertThat(errors).isNotEmpty();
        assertThat(errors.keySet()).allMatch(key -> key.startsWith("datasource."));
        assertThat(errors.values()).flatExtracting(messages -> messages)
                .allMatch(message -> message.startsWith("Cannot") && !message.contains(wrongSecret));

        // Off (the default), validation checks the configuration only.
        wrongKey.remove("validate.connection");
        assertThat(cluster.rest().validate(ObjectStoreSinkConnector.class.getName(), wrongKey).errorsByKey()).isEmpty();
    }

    private static Map<String, String> s3ProxySource(String bucket) {
        return s3proxy.source(bucket);
    }

    /** Writes 10 records of one topic in files of 4 and checks every record is in exactly one object. */
    private static void runAndReadBack(String topic, Map<String, String> source) throws IOException {
        cluster.createTopic(topic, 1);
        produce(topic, 10);
        cluster.rest().putConfig(topic + "-sink", sinkConfig(topic, source));
        cluster.rest().awaitRunning(topic + "-sink", 1, TIMEOUT);

        String prefix = "topics/" + topic + "/partition=0/";
        Await.until("two complete files of " + topic, TIMEOUT, () -> {
            try {
                return keys(source, prefix).size() == 2;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<Long> values = new ArrayList<>();
        for (String key : keys(source, prefix)) {
            read(source, key).lines().map(Long::parseLong).forEach(values::add);
        }
        assertThat(keys(source, prefix)).containsExactly(prefix + topic + "+0+00000000000000000000.jsonl",
                prefix + topic + "+0+00000000000000000004.jsonl");
        assertThat(values).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        cluster.rest().delete(topic + "-sink");
    }

    private static Map<String, String> sinkConfig(String topic, Map<String, String> source) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ObjectStoreSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("format", "json");
        config.put("flush.size", "4");
        source.forEach((key, value) -> config.put("datasource." + key, value));
        return config;
    }

    private static void produce(String topic, int count) {
        LongStream.range(0, count).forEach(i -> cluster.produce(topic, 0, "{\"schema\":{\"type\":\"string\"},\"payload\":\"k" + i + "\"}",
                "{\"schema\":{\"type\":\"int64\"},\"payload\":" + i + "}"));
    }

    private static ObjectStore open(Map<String, String> source) throws IOException {
        return ObjectStores.open(DataSourceParser.validateDefinition(source).orElseThrow(),
                ObjectStores.Tuning.DEFAULTS);
    }

    private static List<String> keys(Map<String, String> source, String prefix) throws IOException {
        try (ObjectStore store = open(source)) {
            List<String> keys = new ArrayList<>();
            for (ObjectInfo info : store.list(prefix)) {
                keys.add(info.key());
            }
            return keys;
        }
    }

    private static String read(Map<String, String> source, String key) throws IOException {
        try (ObjectStore store = open(source); InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
