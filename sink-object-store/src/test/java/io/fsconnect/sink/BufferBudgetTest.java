package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferBudgetTest {

    private static final Schema ROW = SchemaBuilder.struct().name("Row")
            .field("id", Schema.INT64_SCHEMA)
            .field("text", Schema.STRING_SCHEMA)
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
    void reliefStartsBeforeTheLimitByTheLargestStepAndRecordsThePeak() {
        BufferBudget budget = new BufferBudget(1000);

        budget.charge(300);
        budget.charge(200);
        assertThat(budget.needsRelief()).as("500 held and a step of 300 stay within 1000").isFalse();
        budget.charge(250);

        assertThat(budget.needsRelief()).as("750 held and a step of 300 would pass 1000").isTrue();
        budget.charge(-600);
        assertThat(budget.heldBytes()).isEqualTo(150);
        assertThat(budget.peakBytes()).isEqualTo(750);
        assertThat(budget.needsRelief()).isFalse();
    }

    @Test
    void pressureCompletesTheFilesOfTheFullestPartitionFirstAndMakesTheirOffsetsCommittable() {
        // Five partitions whose rows differ in size each buffer up to a 1 MiB row group (counted twice, for
        // parquet's doubling buffers): together they press a 4 MiB budget; a single small record never does.
        task = start("4194304");
        TopicPartition small = new TopicPartition("t", 0);
        TopicPartition largest = new TopicPartition("t", 5);

        task.put(List.of(record(small, 0, 10)));
        for (long offset = 0; offset < 150; offset++) {
            List<SinkRecord> batch = new ArrayList<>();
            for (int partition = 1; partition <= 5; partition++) {
                batch.add(record(new TopicPartition("t", partition), offset, 3_000 + 1_000 * partition));
            }
            task.put(batch);
        }

        BufferBudget budget = task.bufferBudget();
        assertThat(budget.peakBytes()).isLessThanOrEqualTo(budget.limitBytes());
        Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
        consumed.put(small, new OffsetAndMetadata(1));
        for (int partition = 1; partition <= 5; partition++) {
            consumed.put(new TopicPartition("t", partition), new OffsetAndMetadata(150));
        }
        Map<TopicPartition, OffsetAndMetadata> committable = task.preCommit(consumed);
        assertThat(committable).containsKey(largest).doesNotContainKey(small);
        assertThat(committable.get(largest).offset()).isBetween(1L, 149L);
        assertThat(ParquetRows.files(root).stream().filter(name -> !name.contains("/.")))
                .isNotEmpty()
                .noneMatch(name -> name.startsWith("topics/t/partition=0/"));
    }

    @Test
    void aBudgetBelowFourMebibytesIsRefusedNamingTheKey() {
        Map<String, String> props = props("1048576");

        assertThatThrownBy(() -> new ObjectStoreSinkConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("buffer.max.bytes");
    }

    private ObjectStoreSinkTask start(String budgetBytes) {
        Map<String, String> props = props(budgetBytes);
        ObjectStoreSinkTask started = new ObjectStoreSinkTask();
        started.initialize(new FakeSinkTaskContext(props, false));
        started.start(props);
        return started;
    }

    private Map<String, String> props(String budgetBytes) {
        Map<String, String> props = new HashMap<>();
        props.put("datasource.type", "local");
        props.put("datasource.name", "training");
        props.put("datasource.path", root.toString());
        props.put("flush.size", "100000");
        props.put("buffer.max.bytes", budgetBytes);
        return props;
    }

    /** A record whose text, unique per offset, does not compress, so the file grows by about its length. */
    private static SinkRecord record(TopicPartition partition, long offset, int textLength) {
        StringBuilder text = new StringBuilder(textLength);
        long state = offset * 0x9E3779B97F4A7C15L + partition.partition();
        while (text.length() < textLength) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            text.append(Long.toHexString(state));
        }
        Struct value = new Struct(ROW).put("id", offset).put("text", text.substring(0, textLength));
        return new SinkRecord(partition.topic(), partition.partition(), null, null, ROW, value, offset);
    }
}
