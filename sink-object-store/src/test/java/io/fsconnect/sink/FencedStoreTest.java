package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import io.fsconnect.storage.ObjectExistsException;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.local.LocalObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a store with conditional creates (here the local one): a replay over objects an earlier attempt left passes, and
 * a writer that completes the same name while a file is being written wins the race.
 */
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
    void anObjectLeftByAnEarlierAttemptIsReplacedByTheReplay() throws IOException {
        // An earlier attempt cut its file elsewhere (clock or memory pressure) and crashed before committing.
        Files.createDirectories(root.resolve(FIRST).getParent());
        Files.writeString(root.resolve(FIRST), "0\n1\n");

        ObjectStoreSinkTask task = start();
        try {
            task.put(records(0, 3));
            assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(3))))
                    .isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
        } finally {
            task.stop();
        }
        assertThat(Files.readString(root.resolve(FIRST))).isEqualTo("0\n1\n2\n");
    }

    @Test
    void aWriterThatCompletesTheSameNameMeanwhileWinsAndTheLoserFails() throws IOException {
        try (ObjectStore local = new LocalObjectStore(root); ObjectStore fenced = FencedStore.of(local)) {
            ObjectUpload late = fenced.create(FIRST);
            late.write("mine\n".getBytes(StandardCharsets.UTF_8));
            try (ObjectUpload zombie = local.create(FIRST)) {
                zombie.write("zombie's\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThatThrownBy(late::close)
                    .isInstanceOf(ObjectExistsException.class)
                    .hasMessageContaining("Cannot complete object " + FIRST)
                    .hasMessageContaining("another writer created it while this file was being written, with "
                            + "different content (9 bytes, this file 5 bytes)");
        }
        assertThat(Files.readString(root.resolve(FIRST))).isEqualTo("zombie's\n");
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
