package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.gcs.FakeGcsClientProvider;
import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink in a real Connect cluster writing to GCS data sources authenticated with service-account keys (a key file
 * on the worker, or the key's JSON in the config). No GCS server runs offline, so the worker's GCS client is
 * {@code LocalStorageHelper}, Google's in-memory fake behind the real client API, handed to every GCS data source of
 * this JVM by {@link FakeGcsClientProvider}: everything from the connector config to the client's resumable uploads
 * is the production path. Each test reads every object back from the fake and finds each record exactly once, in
 * files cut by {@code flush.size}, including across a task restart with records in open files.
 */
class GcsSinkIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String SCHEMA = "{\"type\":\"struct\",\"name\":\"Order\",\"optional\":false,\"fields\":["
            + "{\"field\":\"partition\",\"type\":\"int32\",\"optional\":false},"
            + "{\"field\":\"seq\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"note\",\"type\":\"string\",\"optional\":true}]}";

    private static ConnectCluster cluster;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void startCluster() {
        cluster = ConnectCluster.start(1, Map.of());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void writesParquetRotatedByFlushSizeWithAKeyFileAndEveryRecordOnce() throws IOException {
        Path keyFile = scratch.resolve("parquet-writer.json");
        Files.writeString(keyFile, FakeGcsClientProvider.serviceAccountKey(account("parquet-writer")));
        Map<String, String> source = source("lake_parquet", "training", "offline");
        source.put("key.path", keyFile.toString());
        cluster.createTopic("orders", 2);

        startSink("orders-gcs", "orders", source, Map.of("flush.size", "5"));
        produce("orders", 2, 0, 10);

        awaitCommitted("orders-gcs", "orders", Map.of(0, 10L, 1, 10L));
        assertParquetFilesHoldEveryRecordOnce(source, "orders", 2, 10, 5);
        assertThat(FakeGcsClientProvider.accountOf("lake_parquet"))
                .as("the service account whose key file the worker loaded")
                .contains(account("parquet-writer"));

        cluster.rest().delete("orders-gcs");
    }

    @Test
    void writesJsonLinesRotatedByFlushSizeWithAnInlineKeyAndEveryRecordOnce() throws IOException {
        Map<String, String> source = sourceWithInlineKey("lake_json", "json");
        cluster.createTopic("payments", 1);

        startSink("payments-gcs", "payments", source, Map.of("flush.size", "4", "format", "json"));
        produce("payments", 1, 0, 12);

        awaitCommitted("payments-gcs", "payments", Map.of(0, 12L));
        List<String> expected = expectedKeys("payments", 1, 12, 4, "jsonl");
        assertThat(keys(source, "topics/payments/")).containsExactlyElementsOf(expected);
        List<String> rows = new ArrayList<>();
        for (String key : expected) {
            for (String line : read(source, key).lines().toList()) {
                com.fasterxml.jackson.databind.JsonNode row = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(line);
                rows.add(row.get("partition").intValue() + ":" + row.get("seq").longValue());
            }
        }
        assertThat(rows).containsExactlyElementsOf(expectedRows(1, 12));
        assertThat(FakeGcsClientProvider.accountOf("lake_json")).contains(account("lake_json"));

        cluster.rest().delete("payments-gcs");
    }

    @Test
    void aTaskRestartWithRecordsInOpenFilesEndsWithEveryRecordOnce() throws IOException {
        Map<String, String> source = sourceWithInlineKey("lake_restart", "restart");
        cluster.createTopic("clicks", 2);
        startSink("clicks-gcs", "clicks", source, Map.of("flush.size", "10"));

        produce("clicks", 2, 0, 25);
        awaitCommitted("clicks-gcs", "clicks", Map.of(0, 20L, 1, 20L));
        // Records 20..24 of each partition sit in open uploads when the task restarts; they are consumed again.
        cluster.rest().restartTask("clicks-gcs", 0);
        cluster.rest().awaitRunning("clicks-gcs", 1, TIMEOUT);
        produce("clicks", 2, 25, 15);

        awaitCommitted("clicks-gcs", "clicks", Map.of(0, 40L, 1, 40L));
        assertParquetFilesHoldEveryRecordOnce(source, "clicks", 2, 40, 10);

        cluster.rest().delete("clicks-gcs");
    }

    /** The service account of the tests' key for data source (or key file) {@code name}. */
    private static String account(String name) {
        return name.replace('_', '-') + "@fs-project.iam.gserviceaccount.com";
    }

    /** A data source on bucket training with its service-account key in the config. */
    private static Map<String, String> sourceWithInlineKey(String name, String path) {
        Map<String, String> source = source(name, "training", path);
        source.put("key.json", FakeGcsClientProvider.serviceAccountKey(account(name)));
        return source;
    }

    /** A GCS data source's definition, without its authentication. */
    private static Map<String, String> source(String name, String bucket, String path) {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("type", "gcs");
        source.put("name", name);
        source.put("bucket", bucket);
        source.put("path", path);
        return source;
    }

    private static void startSink(String name, String topic, Map<String, String> source,
                                  Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ObjectStoreSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        source.forEach((key, value) -> config.put("datasource." + key, value));
        config.putAll(overrides);
        cluster.rest().putConfig(name, config);
        cluster.rest().awaitRunning(name, 1, TIMEOUT);
    }

    /** {@code count} records with seq {@code firstSeq..} to each of partitions 0..partitions-1. */
    private static void produce(String topic, int partitions, long firstSeq, int count) {
        for (int p = 0; p < partitions; p++) {
            for (long seq = firstSeq; seq < firstSeq + count; seq++) {
                String payload = "{\"partition\":" + p + ",\"seq\":" + seq + ",\"note\":\"order " + p + "-" + seq
                        + "\"}";
                cluster.produce(topic, p, null, "{\"schema\":" + SCHEMA + ",\"payload\":" + payload + "}");
            }
        }
    }

    /** Waits until the sink's consumer group has committed these offsets for the listed partitions. */
    private static void awaitCommitted(String connector, String topic, Map<Integer, Long> expected) {
        Await.until("committed offsets of " + connector + " to include " + expected, TIMEOUT,
                () -> committed(connector, topic).entrySet().containsAll(expected.entrySet()),
                () -> "committed " + committed(connector, topic));
    }

    private static Map<Integer, Long> committed(String connector, String topic) {
        Map<Integer, Long> offsets = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Map<String, Object>>> entries =
                (List<Map<String, Map<String, Object>>>) cluster.rest().offsets(connector).get("offsets");
        entries.stream().filter(entry -> topic.equals(entry.get("partition").get("kafka_topic")))
                .forEach(entry -> offsets.put(((Number) entry.get("partition").get("kafka_partition")).intValue(),
                        ((Number) entry.get("offset").get("kafka_offset")).longValue()));
        return offsets;
    }

    /**
     * Checks that the objects of {@code topic} are exactly its Parquet files of {@code size} records and that they
     * hold offsets 0..count-1 of each partition once each, with their content.
     */
    private static void assertParquetFilesHoldEveryRecordOnce(Map<String, String> source, String topic,
                                                              int partitions, long count, long size)
            throws IOException {
        List<String> expected = expectedKeys(topic, partitions, count, size, "parquet");
        assertThat(keys(source, "topics/" + topic + "/")).containsExactlyElementsOf(expected);
        List<String> rows = new ArrayList<>();
        for (String key : expected) {
            for (GenericRecord row : parquetRows(source, key)) {
                rows.add(row.get("partition") + ":" + row.get("seq"));
                assertThat(row.get("note").toString())
                        .isEqualTo("order " + row.get("partition") + "-" + row.get("seq"));
            }
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expectedRows(partitions, count));
    }

    /** The object keys of files of {@code size} records covering offsets 0..count-1 of each partition, sorted. */
    private static List<String> expectedKeys(String topic, int partitions, long count, long size, String extension) {
        List<String> keys = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            for (long start = 0; start < count; start += size) {
                keys.add(String.format("topics/%s/partition=%d/%s+%d+%020d.%s", topic, p, topic, p, start, extension));
            }
        }
        return keys.stream().sorted().toList();
    }

    private static List<String> expectedRows(int partitions, long perPartition) {
        return IntStream.range(0, partitions).boxed()
                .flatMap(p -> LongStream.range(0, perPartition).mapToObj(seq -> p + ":" + seq))
                .toList();
    }

    private static ObjectStore open(Map<String, String> source) throws IOException {
        return ObjectStores.open(DataSourceParser.validateDefinition(source).orElseThrow(),
                ObjectStores.Tuning.DEFAULTS);
    }

    /** The keys under {@code prefix}, sorted: the fake lists in hash order where GCS lists in lexical order. */
    private static List<String> keys(Map<String, String> source, String prefix) throws IOException {
        try (ObjectStore store = open(source)) {
            List<String> keys = new ArrayList<>();
            for (ObjectInfo info : store.list(prefix)) {
                keys.add(info.key());
            }
            return keys.stream().sorted().toList();
        }
    }

    private static String read(Map<String, String> source, String key) throws IOException {
        try (ObjectStore store = open(source); InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<GenericRecord> parquetRows(Map<String, String> source, String key) throws IOException {
        Path copy = Files.createTempFile(scratch, "object", ".parquet");
        try (ObjectStore store = open(source); InputStream in = store.open(key)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return ParquetRows.read(copy);
    }
}
