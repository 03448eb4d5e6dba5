package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task with a thousand open Parquet partitions: what it holds stays within {@code buffer.max.bytes},
 * files are completed early instead of running out of memory, and every record still lands in exactly
 * one visible file up to the committed offset. The estimate the budget runs on is checked against the
 * heap and direct memory the open files really take.
 */
class ManyOpenPartitionsMemoryIT {

    private static final String TOPIC = "features";
    private static final int PARTITIONS = 1000;
    private static final Schema ROW = SchemaBuilder.struct().name("FeatureRow")
            .field("id", Schema.INT64_SCHEMA)
            .field("partition", Schema.INT32_SCHEMA)
            .field("entity", Schema.STRING_SCHEMA)
            .field("category", Schema.STRING_SCHEMA)
            .field("score", Schema.FLOAT64_SCHEMA)
            .field("amount", Schema.FLOAT64_SCHEMA)
            .field("active", Schema.BOOLEAN_SCHEMA)
            .field("event_time", Schema.INT64_SCHEMA)
            .field("count", Schema.INT32_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    @TempDir
    Path root;

    private ObjectStoreSinkTask task;

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
    }

    @Test
    void aThousandOpenPartitionsStayWithinTheBudgetAndEveryRecordIsWrittenOnce() {
        // Enough for the thousand files' fixed buffers (a 64 KiB local upload buffer, three Parquet pages and
        // the writers of ten columns each), with room for some rows per partition before the budget presses.
        long budget = 256L * 1024 * 1024;
        task = start(budget);
        int perPartition = 400;

        for (int round = 0; round < perPartition; round += 10) {
            task.put(interleaved(round, 10));
        }
        Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(consumedAll(perPartition));

        BufferBudget tracked = task.bufferBudget();
        assertThat(tracked.peakBytes()).isLessThanOrEqualTo(budget).isGreaterThan(budget / 2);
        List<String> files = visibleFiles();
        // Memory pressure, not flush.size, completed these files, and made their offsets committable.
        assertThat(files).isNotEmpty();
        assertThat(committed).isNotEmpty();
        assertEveryCommittedRecordOnceAndNothingBeyond(files, committed);
    }

    @Test
    void theEstimatedMemoryCoversWhatTheOpenFilesReallyHold() {
        long budget = 1024L * 1024 * 1024;
        long before = usedHeapAndDirectAfterGc();
        task = start(budget);

        task.put(interleaved(0, 40));
        long measured = usedHeapAndDirectAfterGc() - before;

        BufferBudget tracked = task.bufferBudget();
        assertThat(visibleFiles()).as("no file completed under a budget this large").isEmpty();
        assertThat(tracked.heldBytes()).isLessThan(budget);
        assertThat(measured).as("heap and direct memory taken by %d open files, estimated at %d bytes", PARTITIONS,
                tracked.heldBytes()).isLessThanOrEqualTo(tracked.heldBytes());
    }

    private ObjectStoreSinkTask start(long budgetBytes) {
        Map<String, String> props = new HashMap<>();
        props.put("datasource.type", "local");
        props.put("datasource.name", "training");
        props.put("datasource.path", root.toString());
        props.put("flush.size", "1000000");
        props.put("buffer.max.bytes", Long.toString(budgetBytes));
        ObjectStoreSinkTask started = new ObjectStoreSinkTask();
        started.initialize(new FakeSinkTaskContext(props, false));
        started.start(props);
        return started;
    }

    /** Records {@code from} until {@code from + count} of every partition, one partition after another per offset. */
    private static List<SinkRecord> interleaved(long from, int count) {
        List<SinkRecord> records = new ArrayList<>(PARTITIONS * count);
        for (long offset = from; offset < from + count; offset++) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                records.add(new SinkRecord(TOPIC, partition, null, null, ROW, row(partition, offset), offset));
            }
        }
        return records;
    }

    private static Struct row(int partition, long offset) {
        long id = partition * 1_000_000L + offset;
        return new Struct(ROW).put("id", id).put("partition", partition)
                .put("entity", "entity-" + Long.toHexString(id * 0x9E3779B97F4A7C15L))
                .put("category", "category-" + (id % 17))
                .put("score", (id % 1000) / 7.0)
                .put("amount", id * 1.25)
                .put("active", id % 3 == 0)
                .put("event_time", 1_700_000_000_000L + id * 37)
                .put("count", (int) (id % 100_000))
                .put("note", id % 5 == 0 ? null : Long.toHexString(id * 0x9E3779B97F4A7C15L).repeat(2)
                        + Long.toHexString(id * 0xC2B2AE3D27D4EB4FL).repeat(2));
    }

    private static Map<TopicPartition, OffsetAndMetadata> consumedAll(long nextOffset) {
        Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            consumed.put(new TopicPartition(TOPIC, partition), new OffsetAndMetadata(nextOffset));
        }
        return consumed;
    }

    private void assertEveryCommittedRecordOnceAndNothingBeyond(List<String> files,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<Integer, Set<Long>> offsetsByPartition = new HashMap<>();
        for (String file : files) {
            for (GenericRecord row : ParquetRows.read(root.resolve(file))) {
                int partition = (Integer) row.get("partition");
                long offset = (Long) row.get("id") - partition * 1_000_000L;
                assertThat(offsetsByPartition.computeIfAbsent(partition, p -> new HashSet<>()).add(offset))
                        .as("record %d of partition %d written once", offset, partition).isTrue();
            }
        }
        for (int partition = 0; partition < PARTITIONS; partition++) {
            long next = committed.getOrDefault(new TopicPartition(TOPIC, partition), new OffsetAndMetadata(0)).offset();
            Set<Long> expected = new HashSet<>();
            for (long offset = 0; offset < next; offset++) {
                expected.add(offset);
            }
            assertThat(offsetsByPartition.getOrDefault(partition, Set.of()))
                    .as("visible records of partition %d are exactly those before its committed offset %d", partition,
                            next)
                    .isEqualTo(expected);
        }
    }

    private List<String> visibleFiles() {
        return ParquetRows.files(root).stream().filter(name -> !name.contains("/.")).toList();
    }

    private static long usedHeapAndDirectAfterGc() {
        System.gc();
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                used += pool.getMemoryUsed();
            }
        }
        return used;
    }
}
