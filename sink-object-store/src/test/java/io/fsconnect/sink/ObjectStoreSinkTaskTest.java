package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreSinkTaskTest {

    private static final String TOPIC = "orders";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private static final Schema V1 = SchemaBuilder.struct().name("Order").version(1)
            .field("id", Schema.INT64_SCHEMA)
            .build();
    private static final Schema V2 = SchemaBuilder.struct().name("Order").version(2)
            .field("id", Schema.INT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock();
    private final List<ObjectStoreSinkTask> started = new ArrayList<>();
    private FakeSinkTaskContext context;

    @AfterEach
    void stopTasks() {
        started.forEach(ObjectStoreSinkTask::stop);
    }

    @Test
    void filesRotateByRecordCountAndAreNamedByTheirFirstOffset() {
        ObjectStoreSinkTask task = start(Map.of("flush.size", "3"));

        task.put(records(P0, 0, 7));

        assertThat(visibleFiles()).containsExactly(
                "topics/orders/partition=0/orders+0+00000000000000000000.parquet",
                "topics/orders/partition=0/orders+0+00000000000000000003.parquet");
        assertThat(ids("topics/orders/partition=0/orders+0+00000000000000000000.parquet")).containsExactly(0L, 1L, 2L);
        assertThat(ids("topics/orders/partition=0/orders+0+00000000000000000003.parquet")).containsExactly(3L, 4L, 5L);
        assertThat(task.preCommit(consumed(P0, 7))).isEqualTo(Map.of(P0, new OffsetAndMetadata(6)));
    }

    @Test
    void namesUseTopicsDirPartitionAndTwentyDigitStartOffset() {
        ObjectStoreSinkTask task = start(Map.of("flush.size", "2", "topics.dir", "lake/raw"));

        task.put(records(P1, 12_345_678_901L, 2));

        assertThat(ParquetRows.files(root))
                .containsExactly("lake/raw/orders/partition=1/orders+1+00000000012345678901.parquet");
    }

    @Test
    void offsetsAreCommittedOnlyForRecordsInClosedFiles() {
        ObjectStoreSinkTask task = start(Map.of("flush.size", "3"));

        task.put(records(P0, 0, 2));
        task.flush(consumed(P0, 2));

        assertThat(task.preCommit(consumed(P0, 2))).isEmpty();
        assertThat(visibleFiles()).isEmpty();

        task.put(records(P0, 2, 2));

        assertThat(task.preCommit(consumed(P0, 4))).isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
    }

    @Test
    void scheduledRotationClosesAFileWhenNoNewRecordsArrive() {
        ObjectStoreSinkTask task = start(Map.of("flush.size", "1000", "rotate.schedule.interval.ms", "60000"));

        task.put(records(P0, 0, 2));
        clock.advance(Duration.ofSeconds(59));
        task.put(List.of());

        assertThat(visibleFiles()).isEmpty();
        assertThat(task.preCommit(consumed(P0, 2))).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        task.put(List.of());

        assertThat(visibleFiles()).containsExactly("topics/orders/partition=0/orders+0+00000000000000000000.parquet");
        assertThat(task.preCommit(consumed(P0, 2))).isEqualTo(Map.of(P0, new OffsetAndMetadata(2)));
    }

    @Test
    void scheduledRotationAlsoFiresFromPreCommit() {
        ObjectStoreSinkTask task = start(Map.of("rotate.schedule.interval.ms", "1000"));

        task.put(records(P0, 10, 3));
        clock.advance(Duration.ofSeconds(5));

        assertThat(task.preCommit(consumed(P0, 13))).isEqualTo(Map.of(P0, new OffsetAndMetadata(13)));
        assertThat(ids("topics/orders/partition=0/orders+0+00000000000000000010.parquet"))
                .containsExactly(10L, 11L, 12L);
    }

    @Test
    void interleavedSchemaVersionsGoToOneOpenFilePerVersionRotatedTogether() {
        ObjectStoreSinkTask task = start(Map.of("flush.size", "3"));

        task.put(List.of(record(P0, 0, V1), record(P0, 1, V2), record(P0, 2, V1), record(P0, 3, V2),
                record(P0, 4, V1)));

        // Not a new file at each switch: one per version, both closed when the V1 file is full.
        assertThat(visibleFiles()).containsExactly(
                "topics/orders/partition=0/orders+0+00000000000000000000.parquet",
                "topics/orders/partition=0/orders+0+00000000000000000001.parquet");
        assertThat(ids("topics/orders/partition=0/orders+0+00000000000000000000.parquet")).containsExactly(0L, 2L, 4L);
        assertThat(ids("topics/orders/partition=0/orders+0+00000000000000000001.parquet")).containsExactly(1L, 3L);
        assertThat(task.preCommit(consumed(P0, 5))).isEqualTo(Map.of(P0, new OffsetAndMetadata(5)));
    }

    @Test
    void anOpenFileOfOneVersionHoldsBackTheCommitOfTheOther() {
        ObjectStoreSinkTask task = start(Map.of("flush.size", "100"));

        task.put(List.of(record(P0, 0, V1), record(P0, 1, V2), record(P0, 2, V1)));

        assertThat(visibleFiles()).isEmpty();
        assertThat(task.preCommit(consumed(P0, 3))).isEmpty();
    }

    @Test
    void aReplayOfTheSameOffsetsRewritesTheSameObjects() {
        ObjectStoreSinkTask first = start(Map.of("flush.size", "3"));
        first.put(records(P0, 0, 5));
        List<String> afterFirstRun = visibleFiles();
        // The first task dies before its offsets are committed: a new one gets everything again.
        first.stop();
        started.remove(first);

        ObjectStoreSinkTask second = start(Map.of("flush.size", "3"));
        second.put(records(P0, 0, 6));

        assertThat(afterFirstRun).containsExactly("topics/orders/partition=0/orders+0+00000000000000000000.parquet");
        assertThat(ParquetRows.files(root)).containsExactly(
                "topics/orders/partition=0/orders+0+00000000000000000000.parquet",
                "topics/orders/partition=0/orders+0+00000000000000000003.parquet");
        assertThat(ids("topics/orders/partition=0/orders+0+00000000000000000000.parquet")).containsExactly(0L, 1L, 2L);
        assertThat(ids("topics/orders/partition=0/orders+0+00000000000000000003.parquet")).containsExactly(3L, 4L, 5L);
    }

    @Test
    void closingPartitionsOnRebalanceAbortsTheirOpenFilesOnly() {
        ObjectStoreSinkTask task = start(Map.of("flush.size", "3"));
        task.put(records(P0, 0, 2));
        task.put(records(P1, 0, 2));

        task.close(List.of(P0));
        task.put(records(P1, 2, 1));

        assertThat(ParquetRows.files(root)).containsExactly(
                "topics/orders/partition=1/orders+1+00000000000000000000.parquet");
        Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>(consumed(P1, 3));
        assertThat(task.preCommit(consumed)).isEqualTo(Map.of(P1, new OffsetAndMetadata(3)));

        // Reassigned later, the partition is read again from its committed offset.
        task.open(List.of(P0));
        task.put(records(P0, 0, 3));
        assertThat(ids("topics/orders/partition=0/orders+0+00000000000000000000.parquet")).containsExactly(0L, 1L, 2L);
    }

    @Test
    void stopAbortsEveryOpenFileAndLeavesNoPartialFiles() {
        ObjectStoreSinkTask task = start(Map.of("flush.size", "3"));
        task.put(records(P0, 0, 4));
        task.put(records(P1, 0, 1));

        task.stop();
        started.remove(task);

        assertThat(ParquetRows.files(root)).containsExactly(
                "topics/orders/partition=0/orders+0+00000000000000000000.parquet");
    }

    @Test
    void aSchemalessValueFailsTheTaskSayingWhatToSet() {
        ObjectStoreSinkTask task = start(Map.of());
        SinkRecord schemaless = new SinkRecord(TOPIC, 0, null, null, null, Map.of("id", 4L), 4);

        assertThatThrownBy(() -> task.put(List.of(schemaless)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("Cannot write record orders-0@4: the value has no schema")
                .hasMessageContaining("value.converter.schemas.enable=true")
                .hasMessageContaining("errors.deadletterqueue.topic.name");
    }

    @Test
    void nullAndNonStructValuesFailTheTaskNamingTheRecord() {
        ObjectStoreSinkTask task = start(Map.of());

        assertThatThrownBy(() -> task.put(List.of(new SinkRecord(TOPIC, 1, null, null, V1, null, 9))))
                .hasMessageStartingWith("Cannot write record orders-1@9: the value is null (a tombstone) and"
                        + " behavior.on.null.values=fail");
        assertThatThrownBy(() -> task.put(List.of(new SinkRecord(TOPIC, 1, null, null, Schema.STRING_SCHEMA, "x", 10))))
                .hasMessageStartingWith("Cannot write record orders-1@10: the value schema is STRING");
    }

    @Test
    void unwritableRecordsGoToTheErrantRecordReporterWhenTheWorkerHasOne() {
        ObjectStoreSinkTask task = start(Map.of("flush.size", "2"), true);
        SinkRecord schemaless = new SinkRecord(TOPIC, 0, null, null, null, Map.of("id", 2L), 2);

        task.put(List.of(record(P0, 0, V1), record(P0, 1, V1), schemaless, record(P0, 3, V1)));

        assertThat(context.reported()).singleElement().satisfies(reported -> {
            assertThat(reported.record()).isSameAs(schemaless);
            assertThat(reported.error()).hasMessageStartingWith("Cannot write record orders-0@2");
        });
        assertThat(ids("topics/orders/partition=0/orders+0+00000000000000000000.parquet")).containsExactly(0L, 1L);
        // The reported record counts as handled; the record in the open file does not.
        assertThat(task.preCommit(consumed(P0, 4))).isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
    }

    @Test
    void aSkippedRecordInsideAFileIsCommittedWithThatFile() {
        ObjectStoreSinkTask task = start(Map.of("flush.size", "2"), true);
        SinkRecord tombstone = new SinkRecord(TOPIC, 0, null, null, V1, null, 1);

        task.put(List.of(record(P0, 0, V1), tombstone, record(P0, 2, V1)));

        assertThat(ids("topics/orders/partition=0/orders+0+00000000000000000000.parquet")).containsExactly(0L, 2L);
        assertThat(task.preCommit(consumed(P0, 3))).isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
    }

    @Test
    void aValueTheFormatCannotHoldIsReportedAndDoesNotNameAFile() {
        ObjectStoreSinkTask task = start(Map.of("flush.size", "2"), true);
        Schema badName = SchemaBuilder.struct().field("user-id", Schema.INT64_SCHEMA).build();
        SinkRecord unmappable = new SinkRecord(TOPIC, 0, null, null, badName, new Struct(badName).put("user-id", 1L), 0);

        task.put(List.of(unmappable, record(P0, 1, V1), record(P0, 2, V1)));

        assertThat(context.reported()).singleElement().satisfies(reported -> assertThat(reported.error())
                .hasMessageStartingWith("Cannot write record orders-0@0: Cannot map field 'user-id' to Avro"));
        assertThat(ParquetRows.files(root)).containsExactly(
                "topics/orders/partition=0/orders+0+00000000000000000001.parquet");
        assertThat(task.preCommit(consumed(P0, 3))).isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
    }

    private ObjectStoreSinkTask start(Map<String, String> overrides) {
        return start(overrides, false);
    }

    private ObjectStoreSinkTask start(Map<String, String> overrides, boolean withReporter) {
        Map<String, String> props = new HashMap<>();
        props.put("datasource.type", "local");
        props.put("datasource.name", "training");
        props.put("datasource.path", root.toString());
        props.putAll(overrides);
        context = new FakeSinkTaskContext(props, withReporter);
        ObjectStoreSinkTask task = new ObjectStoreSinkTask(clock);
        task.initialize(context);
        task.start(props);
        started.add(task);
        return task;
    }

    private List<String> visibleFiles() {
        return ParquetRows.files(root).stream().filter(name -> !name.contains("/.")).toList();
    }

    private List<Long> ids(String key) {
        return ParquetRows.longs(root.resolve(key), "id");
    }

    private static List<SinkRecord> records(TopicPartition partition, long firstOffset, int count) {
        return LongStream.range(firstOffset, firstOffset + count).mapToObj(offset -> record(partition, offset, V1))
                .toList();
    }

    private static SinkRecord record(TopicPartition partition, long offset, Schema schema) {
        Struct value = new Struct(schema).put("id", offset);
        return new SinkRecord(partition.topic(), partition.partition(), null, null, schema, value, offset);
    }

    private static Map<TopicPartition, OffsetAndMetadata> consumed(TopicPartition partition, long nextOffset) {
        return Map.of(partition, new OffsetAndMetadata(nextOffset));
    }
}
