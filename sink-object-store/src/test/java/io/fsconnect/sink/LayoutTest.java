package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where files land (partitioners) and when they are cut (rotation), as a user finds them in the store. */
class LayoutTest {

    private static final String TOPIC = "orders";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static final Schema CUSTOMER = SchemaBuilder.struct().name("Customer")
            .field("tier", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema ORDER = SchemaBuilder.struct().name("Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("region", Schema.OPTIONAL_STRING_SCHEMA)
            .field("customer", CUSTOMER)
            .field("placed", Timestamp.SCHEMA)
            .build();

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock();
    private final List<ObjectStoreSinkTask> started = new ArrayList<>();

    @AfterEach
    void stopTasks() {
        started.forEach(ObjectStoreSinkTask::stop);
    }

    @Test
    void fieldPartitionerWritesHiveStyleDirectoriesForTopLevelAndNestedFields() {
        ObjectStoreSinkTask task = start(Map.of("partitioner.class", "field",
                "partition.field.name", "region,customer.tier", "flush.size", "2"));

        task.put(List.of(order(0, "eu", "gold", 0), order(1, "us/east", "gold", 0), order(2, "eu", "gold", 0),
                order(3, null, null, 0)));

        assertThat(visibleFiles()).containsExactly(
                "topics/orders/region=eu/tier=gold/orders+0+00000000000000000000.jsonl",
                "topics/orders/region=us%2Feast/tier=gold/orders+0+00000000000000000001.jsonl");
        assertThat(ids("topics/orders/region=eu/tier=gold/orders+0+00000000000000000000.jsonl"))
                .containsExactly(0L, 2L);
        task.put(List.of(order(4, null, null, 0)));
        assertThat(ids("topics/orders/region=__HIVE_DEFAULT_PARTITION__/tier=__HIVE_DEFAULT_PARTITION__/"
                + "orders+0+00000000000000000003.jsonl")).containsExactly(3L, 4L);
    }

    @Test
    void timePartitionerBucketsKafkaTimestampsInTheConfiguredZone() {
        ObjectStoreSinkTask task = start(Map.of("partitioner.class", "time", "path.format", "'dt'=yyyy-MM-dd/'hour'=HH",
                "partition.duration.ms", "3600000", "timezone", "Europe/Stockholm", "flush.size", "1"));

        task.put(List.of(
                withTimestamp(order(0, "eu", "gold", 0), "2024-02-29T22:59:59Z"),
                withTimestamp(order(1, "eu", "gold", 0), "2024-02-29T23:00:00Z")));

        assertThat(visibleFiles()).containsExactly(
                "topics/orders/dt=2024-02-29/hour=23/orders+0+00000000000000000000.jsonl",
                "topics/orders/dt=2024-03-01/hour=00/orders+0+00000000000000000001.jsonl");
    }

    @Test
    void fieldAndTimePartitioningTogetherWithTheTimeFromAValueField() {
        ObjectStoreSinkTask task = start(Map.of("partitioner.class", "field-time", "partition.field.name", "region",
                "path.format", "'day'=yyyy-MM-dd", "partition.duration.ms", "86400000",
                "timestamp.extractor", "RecordField", "timestamp.field", "placed", "flush.size", "1"));

        task.put(List.of(order(0, "eu", "gold", Instant.parse("2024-02-29T10:00:00Z").toEpochMilli())));

        assertThat(visibleFiles()).containsExactly(
                "topics/orders/region=eu/day=2024-02-29/orders+0+00000000000000000000.jsonl");
    }

    @Test
    void wallclockExtractorUsesTheTimeTheRecordIsProcessed() {
        ObjectStoreSinkTask task = start(Map.of("partitioner.class", "time", "path.format", "'minute'=HH-mm",
                "partition.duration.ms", "60000", "timestamp.extractor", "Wallclock", "flush.size", "1"));
        clock.advance(Duration.ofMinutes(90));

        task.put(List.of(order(0, "eu", "gold", 0)));

        assertThat(visibleFiles()).containsExactly("topics/orders/minute=01-30/orders+0+00000000000000000000.jsonl");
    }

    @Test
    void recordTimeRotationCutsFilesByRecordTimestampsAndAReplayCutsTheSame() {
        Map<String, String> props = Map.of("rotate.interval.ms", "60000", "flush.size", "1000");
        List<SinkRecord> records = new ArrayList<>();
        long[] seconds = {0, 30, 59, 60, 90, 130};
        for (int i = 0; i < seconds.length; i++) {
            records.add(withTimestamp(order(i, "eu", "gold", 0), Instant.ofEpochSecond(seconds[i]).toString()));
        }
        ObjectStoreSinkTask first = start(props);
        first.put(records);

        List<String> files = visibleFiles();
        assertThat(files).containsExactly(
                "topics/orders/partition=0/orders+0+00000000000000000000.jsonl",
                "topics/orders/partition=0/orders+0+00000000000000000003.jsonl");
        assertThat(ids(files.get(0))).containsExactly(0L, 1L, 2L);
        assertThat(ids(files.get(1))).containsExactly(3L, 4L);
        assertThat(first.preCommit(Map.of(P0, new OffsetAndMetadata(6)))).isEqualTo(Map.of(P0,
                new OffsetAndMetadata(5)));

        // Replayed later (wall clock far ahead) from the committed offset of an earlier set: same objects.
        first.stop();
        started.remove(first);
        clock.advance(Duration.ofDays(3));
        ObjectStoreSinkTask second = start(props);
        second.put(records.subList(3, 6));
        assertThat(visibleFiles()).isEqualTo(files);
        assertThat(ids(files.get(1))).containsExactly(3L, 4L);
    }

    @Test
    void sizeRotationKeepsFilesNearTheConfiguredBytes() {
        ObjectStoreSinkTask task = start(Map.of("rotate.size.bytes", "300", "flush.size", "100000"));
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(order(i, "eu", "gold", 0));
        }

        task.put(records);

        List<String> files = visibleFiles();
        assertThat(files).hasSizeGreaterThan(3);
        List<Long> all = new ArrayList<>();
        for (String file : files) {
            long size = size(file);
            // A file is cut at the first record that reaches the limit: at most one row beyond it.
            assertThat(size).isGreaterThanOrEqualTo(300).isLessThan(300 + 120);
            all.addAll(ids(file));
        }
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(40))).get(P0).offset()).isEqualTo(all.size());
    }

    private ObjectStoreSinkTask start(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("datasource.type", "local");
        props.put("datasource.name", "training");
        props.put("datasource.path", root.toString());
        props.put("format", "json");
        props.putAll(overrides);
        ObjectStoreSinkTask task = new ObjectStoreSinkTask(clock);
        task.initialize(new FakeSinkTaskContext(props, false));
        task.start(props);
        started.add(task);
        return task;
    }

    private List<String> visibleFiles() {
        return ParquetRows.files(root).stream().filter(name -> !name.contains("/.")).toList();
    }

    private long size(String key) {
        try {
            return Files.size(root.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Long> ids(String key) {
        try {
            List<Long> ids = new ArrayList<>();
            for (String line : Files.readAllLines(root.resolve(key))) {
                JsonNode row = JACKSON.readTree(line);
                ids.add(row.get("id").longValue());
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SinkRecord order(long offset, String region, String tier, long placedMillis) {
        Struct value = new Struct(ORDER).put("id", offset).put("region", region)
                .put("customer", new Struct(CUSTOMER).put("tier", tier))
                .put("placed", new java.util.Date(placedMillis));
        return new SinkRecord(TOPIC, 0, null, null, ORDER, value, offset);
    }

    private static SinkRecord withTimestamp(SinkRecord record, String instant) {
        return new SinkRecord(record.topic(), record.kafkaPartition(), null, null, record.valueSchema(),
                record.value(), record.kafkaOffset(), Instant.parse(instant).toEpochMilli(), TimestampType.CREATE_TIME);
    }
}
