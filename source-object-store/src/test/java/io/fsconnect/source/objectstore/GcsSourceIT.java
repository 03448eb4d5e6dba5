package io.fsconnect.source.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.gcs.FakeGcsClientProvider;
import io.fsconnect.testkit.ConnectCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source in a real Connect cluster reading a GCS data source authenticated with a service-account key. No GCS
 * server runs offline, so the worker's GCS client is {@code LocalStorageHelper}, Google's in-memory fake behind the
 * real client API, handed to every GCS data source of this JVM by {@link FakeGcsClientProvider}; the connector
 * config, the credentials, listing, stat and ranged reads all take the production path. Every format is read (Parquet
 * through ranged reads, text gzip'd), each record checked, and objects created while the connector runs, out of
 * lexical order, are each read once.
 */
class GcsSourceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String ACCOUNT = "lake-reader@fs-project.iam.gserviceaccount.com";

    private static ConnectCluster cluster;
    private static Map<String, String> source;

    @BeforeAll
    static void start() {
        cluster = ConnectCluster.start(1, Map.of("exactly.once.source.support", "enabled"));
        source = new LinkedHashMap<>();
        source.put("type", "gcs");
        source.put("name", "lake");
        source.put("bucket", "lake");
        source.put("path", "features");
        source.put("key.json", FakeGcsClientProvider.serviceAccountKey(ACCOUNT));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void readsEveryFormatWithEachRecordExactlyOnce() throws IOException {
        try (ObjectStore store = open()) {
            SourceFiles.parquet(store, "parquet/part-0.parquet", 0, 40);
            SourceFiles.avro(store, "avro/part-0.avro", 0, 40);
            SourceFiles.gzippedJsonLines(store, "jsonl/part-0.json.gz", 0, 20);
            SourceFiles.text(store, "jsonl/part-1.json", jsonLines(20, 40));
            SourceFiles.text(store, "csv/part-0.csv", SourceFiles.csv(0, 20));
            gzipped(store, "csv/part-1.csv.gz", SourceFiles.csv(20, 40));
        }
        List<String> formats = List.of("parquet", "avro", "jsonl", "csv");
        for (String format : formats) {
            String topic = "gcs-" + format;
            cluster.createTopic(topic, 1);
            Map<String, String> config = config(topic, format);
            config.put("input.prefix", format + "/");
            config.put("primary.key.columns", "id");
            config.put("event.time.column", "at");
            if (format.equals("jsonl") || format.equals("csv")) {
                config.put("input.columns", "id:int64,name:string,at:timestamp");
            }
            cluster.rest().putConfig(topic, config);
        }
        for (String format : formats) {
            String topic = "gcs-" + format;
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
        assertThat(FakeGcsClientProvider.accountOf("lake")).as("the service account whose key the worker loaded")
                .contains(ACCOUNT);
    }

    @Test
    void objectsAddedWhileRunningOutOfLexicalOrderAreEachReadOnce() throws IOException {
        cluster.createTopic("gcs-late", 1);
        Map<String, String> config = config("gcs-late", "csv");
        config.put("input.prefix", "late/");
        config.put("input.glob", "**/*.csv*");
        config.put("input.columns", "id:int64,name:string,at:timestamp");
        cluster.rest().putConfig("gcs-late", config);
        cluster.rest().awaitRunning("gcs-late", 1, TIMEOUT);

        try (ObjectStore store = open()) {
            SourceFiles.text(store, "late/m/2024-05-02.csv", SourceFiles.csv(0, 10));
            cluster.consumeAtLeast(10, TIMEOUT, "gcs-late");
            // Keys that sort before and after the one already read, one gzip'd, and one the glob must ignore.
            SourceFiles.text(store, "late/z/2024-05-03.csv", SourceFiles.csv(10, 20));
            gzipped(store, "late/a/2024-05-01.csv.gz", SourceFiles.csv(20, 30));
            SourceFiles.text(store, "late/m/readme.txt", "not data");
            SourceFiles.text(store, "late/0.csv", SourceFiles.csv(30, 40));
        }
        List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(40, TIMEOUT, "gcs-late");
        assertThat(ObjectStoreSourceIT.ids(records)).hasSize(40)
                .allSatisfy((id, count) -> assertThat(count).as("id " + id).isEqualTo(1));
        cluster.rest().delete("gcs-late");
    }

    private static String jsonLines(long from, long to) {
        StringBuilder text = new StringBuilder();
        for (long id = from; id < to; id++) {
            text.append("{\"id\":").append(id).append(",\"name\":\"name-").append(id).append("\",\"at\":")
                    .append(SourceFiles.BASE_TIME + id).append("}\n");
        }
        return text.toString();
    }

    private static void gzipped(ObjectStore store, String key, String content) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            GZIPOutputStream gz = new GZIPOutputStream(upload);
            gz.write(content.getBytes(StandardCharsets.UTF_8));
            gz.finish();
        }
    }

    private static Map<String, String> config(String topic, String format) {
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

    private static ObjectStore open() throws IOException {
        return ObjectStores.open(DataSourceParser.parse(source, ""), ObjectStores.Tuning.DEFAULTS);
    }
}
