package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a store with conditional creates (here the local one), replays pass and a different writer's file stops the task. */
class FencedStoreTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final String FIRST = "topics/orders/partition=0/orders+0+00000000000000000000.jsonl";

    @TempDir
    Path root;

    @Test
    void aReplayOfFilesAlreadyWrittenCountsAsWritten() throws IOException {
        ObjectStoreSinkTask first = start();
        first.put(records(0, 7));
        first.stop();
        byte[] written = Files.readAllBytes(root.resolve(FIRST));

        ObjectStoreSinkTask replay = start();
        try {
            replay.put(records(0, 7));
            assertThat(replay.preCommit(Map.of(P0, new OffsetAndMetadata(7))))
                    .isEqualTo(Map.of(P0, new OffsetAndMetadata(6)));
        } finally {
            replay.stop();
        }
        assertThat(Files.readAllBytes(root.resolve(FIRST))).isEqualTo(written);
    }

    @Test
    void anotherWritersDifferentFileUnderTheSameNameFailsTheTaskAndIsKept() throws IOException {
        Files.createDirectories(root.resolve(FIRST).getParent());
        Files.writeString(root.resolve(FIRST), "0\n1\n");

        ObjectStoreSinkTask task = start();
        try {
            assertThatThrownBy(() -> task.put(records(0, 3)))
                    .isInstanceOf(ConnectException.class)
                    .isNotInstanceOf(RetriableException.class)
                    .hasMessageContaining("Cannot complete object " + FIRST)
                    .hasMessageContaining("another writer created it first with different content (4 bytes, this "
                            + "file 6 bytes)");
        } finally {
            task.stop();
        }
        assertThat(Files.readString(root.resolve(FIRST))).isEqualTo("0\n1\n");
    }

    private ObjectStoreSinkTask start() {
        Map<String, String> props = new HashMap<>();
        props.put("datasource.type", "local");
        props.put("datasource.name", "training");
        props.put("datasource.path", root.toString());
        props.put("format", "json");
        props.put("flush.size", "3");
        ObjectStoreSinkTask task = new ObjectStoreSinkTask();
        task.initialize(new FakeSinkTaskContext(props, false));
        task.start(props);
        return task;
    }

    private static List<SinkRecord> records(long first, int count) {
        return LongStream.range(first, first + count).mapToObj(offset -> new SinkRecord(P0.topic(), P0.partition(),
                null, null, Schema.INT64_SCHEMA, offset, offset)).toList();
    }
}
