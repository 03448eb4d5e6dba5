package io.fsconnect.source.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.testkit.AzuriteServer;
import io.fsconnect.testkit.CephRgwServer;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.SignedRequests;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source through a real Connect cluster reading real store servers through data sources: S3 on Ceph RGW (access
 * keys, endpoint, path-style) and ADLS Gen2 on Azurite through its Blob endpoint (account key). Every format is read
 * (Parquet through ranged reads), each record checked, and on S3 objects created while the connector runs, out of
 * lexical order, are all read.
 */
class ObjectStoreSourceCloudIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> FORMATS = List.of("parquet", "avro", "jsonl", "csv");

    private static ConnectCluster cluster;
    private static AzuriteServer azurite;
    private static CephRgwServer rgw;

    @BeforeAll
    static void start() {
        azurite = AzuriteServer.start();
        rgw = CephRgwServer.start();
        cluster = ConnectCluster.start(1, Map.of("exactly.once.source.support", "enabled"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (rgw != null) {
            rgw.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void readsEveryFormatFromS3IncludingObjectsCreatedWhileRunningOutOfOrder() throws Exception {
        CephRgwServer.User bob = rgw.createUser("bob");
        SignedRequests.createS3Bucket(rgw.endpoint(), rgw.region(), bob.accessKeyId(), bob.secretAccessKey(), "lake");
        Map<String, String> source = new LinkedHashMap<>();
        source.put("type", "s3");
        source.put("name", "lake");
        source.put("bucket", "lake");
        source.put("path", "features");
        source.put("region", rgw.region());
        source.put("endpoint", rgw.endpoint().toString());
        source.put("path.style.access", "true");
        source.put("access.key.id", bob.accessKeyId());
        source.put("secret.access.key", bob.secretAccessKey());

        try (ObjectStore store = open(source)) {
            readsEveryFormat("s3", source, store);

            cluster.createTopic("s3-late", 1);
            Map<String, String> config = config("s3-late", "csv", source);
            config.put("input.prefix", "late/");
            config.put("input.glob", "**/*.csv");
            cluster.rest().putConfig("s3-late", config);
            cluster.rest().awaitRunning("s3-late", 1, TIMEOUT);
            SourceFiles.text(store, "late/m/2024-05-02.csv", SourceFiles.csv(0, 10));
            cluster.consumeAtLeast(10, TIMEOUT, "s3-late");
            // Keys that sort before and after the one already read, and one the glob must ignore.
            SourceFiles.text(store, "late/z/2024-05-03.csv", SourceFiles.csv(10, 20));
            SourceFiles.text(store, "late/a/2024-05-01.csv", SourceFiles.csv(20, 30));
            SourceFiles.text(store, "late/m/readme.txt", "not data");
            SourceFiles.text(store, "late/0.csv", SourceFiles.csv(30, 40));
            List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(40, TIMEOUT, "s3-late");
            assertThat(ObjectStoreSourceIT.ids(records)).hasSize(40)
                    .allSatisfy((id, count) -> assertThat(count).as("id " + id).isEqualTo(1));
            cluster.rest().delete("s3-late");
        }
    }

    @Test
    void readsEveryFormatFromAdlsGen2() throws Exception {
        SignedRequests.createAzureContainer(azurite.blobEndpoint(), azurite.accountName(), azurite.accountKey(),
                "lake");
        Map<String, String> source = new LinkedHashMap<>();
        source.put("type", "adls");
        source.put("name", "lake");
        source.put("account.name", azurite.accountName());
        source.put("container", "lake");
        source.put("path", "features");
        source.put("endpoint", azurite.blobEndpoint().toString());
        source.put("account.key", azurite.accountKey());

        try (ObjectStore store = open(source)) {
            readsEveryFormat("adls", source, store);
        }
    }

    /** Writes 40 rows per format (text gzip'd for jsonl) and checks each connector's topic holds exactly them. */
    private static void readsEveryFormat(String name, Map<String, String> source, ObjectStore store)
            throws IOException {
        SourceFiles.parquet(store, "parquet/part-0.parquet", 0, 40);
        SourceFiles.avro(store, "avro/part-0.avro", 0, 40);
        SourceFiles.gzippedJsonLines(store, "jsonl/part-0.json.gz", 0, 40);
        SourceFiles.text(store, "csv/part-0.csv", SourceFiles.csv(0, 40));
        for (String format : FORMATS) {
            String topic = name + "-" + format;
            cluster.createTopic(topic, 1);
            Map<String, String> config = config(topic, format, source);
            config.put("input.prefix", format + "/");
            config.put("primary.key.columns", "id");
            config.put("event.time.column", "at");
            if (format.equals("jsonl") || format.equals("csv")) {
                config.put("input.columns", "id:int64,name:string,at:timestamp");
            }
            cluster.rest().putConfig(topic, config);
        }
        for (String format : FORMATS) {
            String topic = name + "-" + format;
            List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(40, TIMEOUT, topic);
            assertThat(records).as(topic).hasSize(40);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                long id = ObjectStoreSourceIT.json(record.key()).path("payload").path("id").asLong();
                JsonNode value = ObjectStoreSourceIT.json(record.value()).path("payload");
                assertThat(value.path("id").asLong()).as(topic).isEqualTo(id);
                assertThat(value.path("name").asText()).as(topic).isEqualTo("name-" + id);
                assertThat(record.timestamp()).as(topic + " event time").isEqualTo(SourceFiles.BASE_TIME + id);
            }
            assertThat(ObjectStoreSourceIT.ids(records).keySet()).as(topic).hasSize(40);
            cluster.rest().delete(topic);
        }
    }

    private static Map<String, String> config(String topic, String format, Map<String, String> source) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ObjectStoreSourceConnector.class.getName());
        config.put("tasks.max", "1");
        source.forEach((key, value) -> config.put("datasource." + key, value));
        config.put("input.format", format);
        config.put("topic", topic);
        config.put("poll.interval.ms", "500");
        config.put("exactly.once.support", "required");
        return config;
    }

    private static ObjectStore open(Map<String, String> source) throws IOException {
        return ObjectStores.open(DataSourceParser.parse(source, ""), ObjectStores.Tuning.DEFAULTS);
    }
}
