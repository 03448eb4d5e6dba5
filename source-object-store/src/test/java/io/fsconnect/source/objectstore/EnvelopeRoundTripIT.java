package io.fsconnect.source.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The round trip a user relies on to restore a topic from its offline copy: a 3-partition topic with
 * JSON-with-schema keys (some null) and values (one tombstone), headers of several types and
 * timestamps goes through the object-store sink with {@code format.envelope=true} to local disk as
 * Parquet, Avro and JSON Lines, and back through this source with {@code input.envelope=true} into a new
 * 3-partition topic, on workers with exactly-once source support. Each partition of the copy holds the
 * same sequence of keys, values, headers (byte for byte) and timestamps as the original. Binary headers
 * under the ByteArrayConverter header converter come back byte for byte too.
 */
class EnvelopeRoundTripIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGINAL = "orders";
    private static final int PARTITIONS = 3;
    /** 20 records per partition, and a tombstone at the end of partition 0. */
    private static final int RECORDS = 61;
    private static final int FLUSH_SIZE = 5;
    private static final int TOMBSTONE = 60;
    /** Recent: the broker's time-based retention would delete records with timestamps older than a week. */
    private static final long BASE_TIME = System.currentTimeMillis() - 3_600_000L;
    private static final String VALUE_SCHEMA = "{\"type\":\"struct\",\"name\":\"com.example.Order\",\"optional\":false,"
            + "\"fields\":[{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
            + "{\"field\":\"price\",\"type\":\"double\",\"optional\":false},"
            + "{\"field\":\"tags\",\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":false},\"optional\":false},"
            + "{\"field\":\"address\",\"type\":\"struct\",\"optional\":true,"
            + "\"fields\":[{\"field\":\"city\",\"type\":\"string\",\"optional\":false}]}]}";

    private static ConnectCluster cluster;
    private static Path root;

    @BeforeAll
    static void startClusterAndProduceTheOriginal() throws IOException {
        root = Files.createTempDirectory("envelope-round-trip");
        cluster = ConnectCluster.start(1, Map.of("exactly.once.source.support", "enabled"));
        cluster.createTopic(ORIGINAL, PARTITIONS);
        Map<String, Object> props = cluster.adminProps();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(original(i)).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot produce the original topic: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Record i: partition i % 3, a null key for every fourth, headers the worker's SimpleHeaderConverter types. */
    private static ProducerRecord<byte[], byte[]> original(int i) {
        String key = i % 4 == 0 ? null : "{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"customer-"
                + (i % 7) + "\"}";
        String value = i == TOMBSTONE ? null : "{\"schema\":" + VALUE_SCHEMA + ",\"payload\":{\"id\":" + i
                + ",\"name\":" + (i % 5 == 0 ? "null" : "\"name-" + i + "\"") + ",\"price\":" + i + ".25"
                + ",\"tags\":[\"a" + i + "\",\"b\"],\"address\":" + (i % 2 == 0 ? "{\"city\":\"c" + i + "\"}" : "null")
                + "}}";
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(ORIGINAL, i % PARTITIONS, BASE_TIME + i * 1000L,
                utf8(key), utf8(value));
        record.headers().add("trace", utf8("t-" + i))
                .add("attempt", utf8(Integer.toString(i * 100)))
                .add("flag", utf8(Boolean.toString(i % 2 == 0)))
                .add("ratio", utf8(i + ".5"))
                .add("at", utf8("2024-02-29T13:14:15.016Z"))
                .add("day", utf8("2024-02-29"))
                .add("none", null)
                .add("trace", utf8("second " + i));
        return record;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"parquet, parquet, parquet", "avro, avro, avro", "json, jsonl, jsonl"})
    void theSinksEnvelopeFilesRestoreTheTopic(String sinkFormat, String sourceFormat, String extension)
            throws IOException {
        String copy = roundTrip(ORIGINAL, RECORDS, sinkFormat, sourceFormat, extension, Map.of());

        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> originals = byPartition(cluster.consumeAll(ORIGINAL));
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> restored = byPartition(cluster.consumeAll(copy));
        assertThat(restored.keySet()).isEqualTo(originals.keySet()).hasSize(PARTITIONS);
        boolean typed = !sourceFormat.equals("jsonl");
        for (int partition : originals.keySet()) {
            List<ConsumerRecord<byte[], byte[]>> want = originals.get(partition);
            List<ConsumerRecord<byte[], byte[]>> got = restored.get(partition);
            assertThat(got).as("partition %d", partition).hasSameSizeAs(want);
            for (int i = 0; i < want.size(); i++) {
                String at = sourceFormat + " partition " + partition + " record " + i;
                assertThat(got.get(i).timestamp()).as(at + " timestamp").isEqualTo(want.get(i).timestamp());
                assertThat(headers(got.get(i))).as(at + " headers").isEqualTo(headers(want.get(i)));
                assertSameData(at + " key", want.get(i).key(), got.get(i).key(), typed);
                assertSameData(at + " value", want.get(i).value(), got.get(i).value(), typed);
            }
        }
    }

    @Test
    void binaryHeadersComeBackByteForByteWithTheByteArrayHeaderConverter() throws IOException {
        String topic = "binary";
        cluster.createTopic(topic, PARTITIONS);
        Map<String, Object> props = cluster.adminProps();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 6; i++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, i % PARTITIONS, BASE_TIME + i,
                        null, utf8("{\"schema\":{\"type\":\"int32\"},\"payload\":" + i + "}"));
                record.headers().add("raw", new byte[] {0, (byte) 0xff, (byte) 0x80, (byte) i})
                        .add("empty", new byte[0]);
                producer.send(record).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot produce to " + topic + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String converter = "org.apache.kafka.connect.converters.ByteArrayConverter";

        String copy = roundTrip(topic, 6, "parquet", "parquet", "parquet", Map.of("header.converter", converter));

        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> originals = byPartition(cluster.consumeAll(topic));
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> restored = byPartition(cluster.consumeAll(copy));
        for (int partition = 0; partition < PARTITIONS; partition++) {
            assertThat(restored.get(partition)).hasSameSizeAs(originals.get(partition));
            for (int i = 0; i < originals.get(partition).size(); i++) {
                assertThat(headers(restored.get(partition).get(i))).as("partition %d record %d", partition, i)
                        .isEqualTo(headers(originals.get(partition).get(i)))
                        .contains("raw=" + Base64.getEncoder().encodeToString(
                                new byte[] {0, (byte) 0xff, (byte) 0x80, (byte) (i * PARTITIONS + partition)}))
                        .contains("empty=");
            }
        }
    }

    /**
     * Writes {@code topic} ({@code records} records) with the sink's envelope as {@code sinkFormat} under a
     * directory of that name, waits until all of it is in complete files, then restores it with the source
     * into a new topic of as many partitions, waits for {@code records} records there and returns its name.
     * {@code overrides} go to both connectors.
     */
    private static String roundTrip(String topic, int records, String sinkFormat, String sourceFormat,
            String extension, Map<String, String> overrides) {
        String directory = topic + "-" + sinkFormat;
        Map<String, String> sink = new HashMap<>(overrides);
        sink.put("connector.class", "io.fsconnect.sink.ObjectStoreSinkConnector");
        sink.put("topics", topic);
        sink.put("tasks.max", "1");
        sink.put("datasource.type", "local");
        sink.put("datasource.name", "lake");
        sink.put("datasource.path", root.toString());
        sink.put("topics.dir", directory);
        sink.put("format", sinkFormat);
        sink.put("format.envelope", "true");
        sink.put("behavior.on.null.values", "write");
        sink.put("flush.size", Integer.toString(FLUSH_SIZE));
        // A tombstone's row has another envelope schema, so it goes to a file of its own, and a partition's last
        // records may not fill a file: the wall-clock rotation closes those files after the full ones before them,
        // so they are read after them too.
        sink.put("rotate.schedule.interval.ms", "1000");
        cluster.rest().putConfig("sink-" + directory, sink);
        awaitSinkCommitted("sink-" + directory, topic, records);
        cluster.rest().delete("sink-" + directory);

        String copy = "restored-" + directory;
        cluster.createTopic(copy, PARTITIONS);
        Map<String, String> source = new HashMap<>(overrides);
        source.put("connector.class", ObjectStoreSourceConnector.class.getName());
        // One task reads the objects oldest first, which for the sink's files is offset order per partition.
        source.put("tasks.max", "1");
        source.put("datasource.type", "local");
        source.put("datasource.name", "lake");
        source.put("datasource.path", root.toString());
        source.put("input.prefix", directory + "/");
        source.put("input.glob", "**/*." + extension);
        source.put("input.format", sourceFormat);
        source.put("input.envelope", "true");
        source.put("topic", copy);
        source.put("poll.interval.ms", "500");
        source.put("exactly.once.support", "required");
        cluster.rest().putConfig("restore-" + directory, source);
        cluster.consumeAtLeast(records, TIMEOUT, copy);
        cluster.rest().delete("restore-" + directory);
        return copy;
    }

    /** Waits until the sink has committed all {@code records} of {@code topic}, so that all its files are complete. */
    private static void awaitSinkCommitted(String connector, String topic, int records) {
        Map<TopicPartition, OffsetAndMetadata> want = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            int inPartition = (records + PARTITIONS - 1 - partition) / PARTITIONS;
            want.put(new TopicPartition(topic, partition), new OffsetAndMetadata(inPartition));
        }
        try (Admin admin = Admin.create(cluster.adminProps())) {
            Await.until(connector + " committed " + want, TIMEOUT, () -> committed(admin, connector).equals(want),
                    () -> committed(admin, connector) + ", " + cluster.rest().status(connector));
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String connector) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets("connect-" + connector).partitionsToOffsetAndMetadata().get()
                    .forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset.offset())));
            return offsets;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of " + connector + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same payload, field by field; with a typed format also the same fields and types in the schema
     * (which comes back optional, as the envelope keeps it). JSON Lines keeps no schema.
     */
    private static void assertSameData(String what, byte[] want, byte[] got, boolean typed) throws IOException {
        if (want == null) {
            assertThat(got).as(what).isNull();
            return;
        }
        assertThat(got).as(what).isNotNull();
        JsonNode wanted = JSON.readTree(want);
        JsonNode restored = JSON.readTree(got);
        assertThat(restored.get("payload")).as(what + " payload").isEqualTo(wanted.get("payload"));
        if (typed) {
            assertThat(shape(restored.get("schema"))).as(what + " schema").isEqualTo(shape(wanted.get("schema")));
        } else {
            assertThat(restored.get("schema").isNull()).as(what + " schema").isTrue();
        }
    }

    /** A schema's types and field names, nested, without optionality. */
    private static String shape(JsonNode schema) {
        StringBuilder out = new StringBuilder(schema.path("type").asText());
        if (schema.has("fields")) {
            out.append('{');
            schema.get("fields").forEach(field -> out.append(field.get("field").asText()).append(':')
                    .append(shape(field)).append(','));
            out.append('}');
        }
        if (schema.has("items")) {
            out.append('[').append(shape(schema.get("items"))).append(']');
        }
        return out.toString();
    }

    private static List<String> headers(ConsumerRecord<byte[], byte[]> record) {
        List<String> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(header.key() + "=" + (header.value() == null ? "<null>"
                    : Base64.getEncoder().encodeToString(header.value())));
        }
        return headers;
    }

    private static Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition(
            List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> partitions = new TreeMap<>();
        records.stream().sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                .forEach(record -> partitions.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record));
        return partitions;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
