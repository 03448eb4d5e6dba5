package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.local.LocalObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store failures that outlast the adapter's retries: transient ones replay the partition, others fail the task. */
class StoreRetryTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);

    @TempDir
    Path root;

    private final AtomicReference<String> nextCompletionFailure = new AtomicReference<>();
    private FakeSinkTaskContext context;
    private ObjectStoreSinkTask task;

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
    }

    @Test
    void aTransientFailureRewindsThePartitionAndTheRepeatedBatchWritesEveryRecordOnce() throws IOException {
        start();
        task.put(records(P0, 0, 5));
        task.put(records(P1, 0, 2));
        nextCompletionFailure.set("Cannot complete object: Connection reset");

        List<SinkRecord> batch = new ArrayList<>(records(P0, 5, 3));
        batch.addAll(records(P1, 2, 2));
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("Cannot write orders-0")
                .hasMessageContaining("since offset 3");
        assertThat(context.rewinds()).isEqualTo(Map.of(P0, 3L));
        assertThat(context.timeoutMs()).isEqualTo(250);

        // What the worker does: the same batch again, then the rewound partition from offset 3.
        task.put(batch);
        task.put(records(P0, 3, 5));

        assertThat(lines("topics/orders/partition=0/orders+0+00000000000000000000.jsonl")).containsExactly(0L, 1L, 2L);
        assertThat(lines("topics/orders/partition=0/orders+0+00000000000000000003.jsonl")).containsExactly(3L, 4L, 5L);
        assertThat(lines("topics/orders/partition=1/orders+1+00000000000000000000.jsonl")).containsExactly(0L, 1L, 2L);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(8), P1, new OffsetAndMetadata(4))))
                .isEqualTo(Map.of(P0, new OffsetAndMetadata(6), P1, new OffsetAndMetadata(3)));
    }

    @Test
    void aFailureNoRetryCanFixFailsTheTask() {
        start();
        task.put(records(P0, 0, 2));
        nextCompletionFailure.set("Cannot complete object: Access Denied (Service: S3, Status Code: 403)");

        assertThatThrownBy(() -> task.put(records(P0, 2, 1)))
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("Status Code: 403");
        assertThat(context.rewinds()).isEmpty();
    }

    @Test
    void failuresAreClassifiedInOnePlace() {
        assertThat(StoreFailures.isTransient(new ConnectException("x", new IOException("Read timed out")))).isTrue();
        assertThat(StoreFailures.isTransient(new ConnectException("x", new IOException(
                "We encountered an internal error (Status Code: 500)")))).isTrue();
        assertThat(StoreFailures.isTransient(new ConnectException("x", new IOException(
                "Status code 403, AuthorizationFailure")))).isFalse();
        assertThat(StoreFailures.isTransient(new ConnectException("x", new io.fsconnect.storage.ObjectExistsException(
                "k", "exists")))).isFalse();
        assertThat(StoreFailures.isTransient(new ConnectException("no I/O error at all"))).isFalse();
    }

    private void start() {
        Map<String, String> props = new HashMap<>();
        props.put("datasource.type", "local");
        props.put("datasource.name", "training");
        props.put("datasource.path", root.toString());
        props.put("format", "json");
        props.put("flush.size", "3");
        props.put("store.retry.backoff.ms", "250");
        context = new FakeSinkTaskContext(props, false);
        task = new ObjectStoreSinkTask(java.time.Clock.systemUTC(), (source, tuning) ->
                new FlakyStore(new LocalObjectStore(root)));
        task.initialize(context);
        task.start(props);
    }

    private List<Long> lines(String key) throws IOException {
        return Files.readAllLines(root.resolve(key)).stream().map(Long::parseLong).toList();
    }

    private static List<SinkRecord> records(TopicPartition partition, long first, int count) {
        return LongStream.range(first, first + count).mapToObj(offset -> new SinkRecord(partition.topic(),
                partition.partition(), null, null, Schema.INT64_SCHEMA, offset, offset)).toList();
    }

    /** A store whose next completion fails once, with the message set by the test. */
    private final class FlakyStore implements ObjectStore {

        private final ObjectStore store;

        FlakyStore(ObjectStore store) {
            this.store = store;
        }

        @Override
        public ObjectUpload create(String key) throws IOException {
            ObjectUpload upload = store.create(key);
            return new ObjectUpload() {
                @Override
                public String key() {
                    return upload.key();
                }

                @Override
                public long bytesWritten() {
                    return upload.bytesWritten();
                }

                @Override
                public void write(int b) throws IOException {
                    upload.write(b);
                }

                @Override
                public void abort() throws IOException {
                    upload.abort();
                }

                @Override
                public void close() throws IOException {
                    String failure = nextCompletionFailure.getAndSet(null);
                    if (failure != null) {
                        upload.abort();
                        throw new IOException(failure);
                    }
                    upload.close();
                }
            };
        }

        @Override
        public InputStream open(String key) throws IOException {
            return store.open(key);
        }

        @Override
        public Iterable<ObjectInfo> list(String prefix) throws IOException {
            return store.list(prefix);
        }

        @Override
        public void delete(String key) throws IOException {
            store.delete(key);
        }

        @Override
        public void close() throws IOException {
            store.close();
        }
    }
}
