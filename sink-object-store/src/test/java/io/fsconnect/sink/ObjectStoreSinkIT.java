package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The sink in a real Connect cluster: JSON-with-schema records from Kafka end up in Parquet files with
 * the documented names, each exactly once, and the consumer group only ever commits what is in files.
 */
class ObjectStoreSinkIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String SCHEMA = "{\"type\":\"struct\",\"name\":\"Order\",\"optional\":false,\"fields\":["
            + "{\"field\":\"partition\",\"type\":\"int32\",\"optional\":false},"
            + "{\"field\":\"seq\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"note\",\"type\":\"string\",\"optional\":true}]}";

    private static ConnectCluster cluster;

    @TempDir
    static Path stores;

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
    void recordsOfThreePartitionsLandInNamedParquetFilesExactlyOnce() {
        String topic = "orders";
        Path root = stores.resolve("three-partitions");
        cluster.createTopic(topic, 3);
        startSink("three-partitions", topic, root, Map.of("flush.size", "5"));

        produce(topic, 3, 0, 10);

        awaitCommitted("three-partitions", topic, Map.of(0, 10L, 1, 10L, 2, 10L));
        List<String> expectedFiles = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            expectedFiles.add("topics/orders/partition=" + p + "/orders+" + p + "+00000000000000000000.parquet");
            expectedFiles.add("topics/orders/partition=" + p + "/orders+" + p + "+00000000000000000005.parquet");
        }
        assertThat(ParquetRows.files(root)).containsExactlyElementsOf(expectedFiles.stream().sorted().toList());
        assertThat(rows(root)).containsExactlyInAnyOrderElementsOf(expectedRows(3, 10));
        GenericRecord first = ParquetRows.read(root.resolve(expectedFiles.get(0))).get(0);
        assertThat(first.get("note").toString()).isEqualTo("order 0-0");
        assertThat(first.getSchema().getFullName()).isEqualTo("Order");

        cluster.rest().delete("three-partitions");
    }

    @Test
    void committedOffsetsAdvanceOnlyToWhatIsInClosedFiles() {
        String topic = "payments";
        Path root = stores.resolve("commits");
        cluster.createTopic(topic, 2);
        startSink("commits", topic, root, Map.of("flush.size", "4"));

        produce(topic, 1, 0, 6);
        awaitCommitted("commits", topic, Map.of(0, 4L));
        // Partition 1 gets a file of its own; once its offset is committed, later commit rounds have run.
        produceTo(topic, 1, 0, 4);
        awaitCommitted("commits", topic, Map.of(0, 4L, 1, 4L));

        assertThat(committed("commits", topic)).containsEntry(0, 4L);
        assertThat(visible(root)).containsExactly(
                "topics/payments/partition=0/payments+0+00000000000000000000.parquet",
                "topics/payments/partition=1/payments+1+00000000000000000000.parquet");

        produce(topic, 1, 6, 2);
        awaitCommitted("commits", topic, Map.of(0, 8L, 1, 4L));
        assertThat(ParquetRows.longs(root.resolve("topics/payments/partition=0/payments+0+00000000000000000004.parquet"),
                "seq")).containsExactly(4L, 5L, 6L, 7L);

        cluster.rest().delete("commits");
    }

    @Test
    void aRestartMidStreamEndsWithEveryRecordExactlyOnce() {
        String topic = "clicks";
        Path root = stores.resolve("restart");
        cluster.createTopic(topic, 3);
        startSink("restart", topic, root, Map.of("flush.size", "10"));

        produce(topic, 3, 0, 25);
        awaitCommitted("restart", topic, Map.of(0, 20L, 1, 20L, 2, 20L));

        // Records 20..24 of each partition sit in open files when the connector and its task restart.
        cluster.rest().restart("restart", true, false);
        cluster.rest().awaitRunning("restart", 1, TIMEOUT);
        produce(topic, 3, 25, 15);

        awaitCommitted("restart", topic, Map.of(0, 40L, 1, 40L, 2, 40L));
        List<String> expectedFiles = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            for (long start = 0; start < 40; start += 10) {
                expectedFiles.add(String.format("topics/clicks/partition=%d/clicks+%d+%020d.parquet", p, p, start));
            }
        }
        assertThat(ParquetRows.files(root)).containsExactlyElementsOf(expectedFiles.stream().sorted().toList());
        assertThat(rows(root)).containsExactlyInAnyOrderElementsOf(expectedRows(3, 40));

        cluster.rest().delete("restart");
    }

    @Test
    void schemalessJsonByFieldSurvivesARestartWithEveryRecordOnceInDeterministicFiles() throws Exception {
        String topic = "events";
        Path root = stores.resolve("by-region");
        cluster.createTopic(topic, 2);
        startSink("by-region", topic, root, Map.of("format", "json", "partitioner.class", "field",
                "partition.field.name", "region", "flush.size", "4",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false"));

        produceSchemaless(topic, 0, 10);
        // The eu file (0, 2, 4, 6) is full at offset 6: it and the open us file (1, 3, 5) complete together.
        awaitCommitted("by-region", topic, Map.of(0, 7L, 1, 7L));
        cluster.rest().restart("by-region", true, false);
        cluster.rest().awaitRunning("by-region", 1, TIMEOUT);
        produceSchemaless(topic, 10, 10);
        // Replayed from 7: the us file (7, 9, 11, 13) is full at 13; the eu file (8, 10, 12) completes with it.
        awaitCommitted("by-region", topic, Map.of(0, 14L, 1, 14L));

        List<String> expected = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            expected.add(String.format("topics/events/region=eu/events+%d+%020d.jsonl", p, 0));
            expected.add(String.format("topics/events/region=us/events+%d+%020d.jsonl", p, 1));
            expected.add(String.format("topics/events/region=us/events+%d+%020d.jsonl", p, 7));
            expected.add(String.format("topics/events/region=eu/events+%d+%020d.jsonl", p, 8));
        }
        assertThat(visible(root)).containsExactlyElementsOf(expected.stream().sorted().toList());
        List<String> rows = new ArrayList<>();
        for (String file : visible(root)) {
            for (String line : java.nio.file.Files.readAllLines(root.resolve(file))) {
                com.fasterxml.jackson.databind.JsonNode row = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(line);
                rows.add(row.get("partition").intValue() + ":" + row.get("seq").longValue());
            }
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expectedRows(2, 14));

        cluster.rest().delete("by-region");
    }

    /** Schemaless JSON records with seq {@code firstSeq..} to partitions 0 and 1, region eu for even seq. */
    private static void produceSchemaless(String topic, long firstSeq, int count) {
        for (int p = 0; p < 2; p++) {
            for (long seq = firstSeq; seq < firstSeq + count; seq++) {
                cluster.produce(topic, p, null, "{\"partition\":" + p + ",\"seq\":" + seq + ",\"region\":\""
                        + (seq % 2 == 0 ? "eu" : "us") + "\"}");
            }
        }
    }

    private static void startSink(String name, String topic, Path root, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ObjectStoreSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("datasource.type", "local");
        config.put("datasource.name", "training");
        config.put("datasource.path", root.toString());
        config.putAll(overrides);
        cluster.rest().putConfig(name, config);
        cluster.rest().awaitRunning(name, 1, TIMEOUT);
    }

    /** {@code count} records with seq {@code firstSeq..} to each of partitions 0..partitions-1. */
    private static void produce(String topic, int partitions, long firstSeq, int count) {
        for (int p = 0; p < partitions; p++) {
            produceTo(topic, p, firstSeq, count);
        }
    }

    /** {@code count} records with seq {@code firstSeq..} to one partition. */
    private static void produceTo(String topic, int partition, long firstSeq, int count) {
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            String payload = "{\"partition\":" + partition + ",\"seq\":" + seq + ",\"note\":\"order " + partition + "-"
                    + seq + "\"}";
            cluster.produce(topic, partition, null, "{\"schema\":" + SCHEMA + ",\"payload\":" + payload + "}");
        }
    }

    /**
     * Waits until the listed partitions have exactly these committed offsets. Connect also commits the
     * starting position of partitions the task reports nothing for, so other partitions may show up too.
     */
    private static void awaitCommitted(String connector, String topic, Map<Integer, Long> expected) {
        Await.until("committed offsets of " + connector + " to include " + expected, TIMEOUT,
                () -> committed(connector, topic).entrySet().containsAll(expected.entrySet()),
                () -> "committed " + committed(connector, topic) + ", files " + ParquetRows.files(stores));
    }

    /** The sink's committed offsets (its consumer group's), by partition of {@code topic}. */
    private static Map<Integer, Long> committed(String connector, String topic) {
        Map<Integer, Long> offsets = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Map<String, Object>>> entries =
                (List<Map<String, Map<String, Object>>>) cluster.rest().offsets(connector).get("offsets");
        for (Map<String, Map<String, Object>> entry : entries) {
            if (topic.equals(entry.get("partition").get("kafka_topic"))) {
                offsets.put(((Number) entry.get("partition").get("kafka_partition")).intValue(),
                        ((Number) entry.get("offset").get("kafka_offset")).longValue());
            }
        }
        return offsets;
    }

    private static List<String> visible(Path root) {
        return ParquetRows.files(root).stream().filter(name -> !name.contains("/.")).toList();
    }

    /** Every row of every visible file, as "partition:seq". */
    private static List<String> rows(Path root) {
        List<String> rows = new ArrayList<>();
        for (String file : visible(root)) {
            for (GenericRecord row : ParquetRows.read(root.resolve(file))) {
                rows.add(row.get("partition") + ":" + row.get("seq"));
            }
        }
        return rows;
    }

    private static List<String> expectedRows(int partitions, long perPartition) {
        return IntStream.range(0, partitions).boxed()
                .flatMap(p -> LongStream.range(0, perPartition).mapToObj(seq -> p + ":" + seq))
                .toList();
    }
}
