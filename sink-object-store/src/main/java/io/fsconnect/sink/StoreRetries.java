package io.fsconnect.sink;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * How the task retries a partition after a store failure that outlasted the store's own request retries. A
 * permanent failure ({@link StoreFailures}) is left to fail the task. A transient one discards the partition's
 * unfinished files, rewinds the partition to the first record not in a visible file, and becomes a
 * {@link RetriableException}, so that the worker waits {@code store.retry.backoff.ms} and delivers the batch again.
 *
 * <p>The worker first delivers the failed batch again and only then the records from the rewound position. Records
 * of a rewound partition in that repeated batch are dropped ({@link #accepts}), except the one at the rewind offset
 * itself, which starts the partition afresh; from the next batch on, everything is taken (records already handled
 * are recognised by their offsets elsewhere). Used by the task's thread only.
 */
final class StoreRetries {

    private final SinkTaskContext context;
    private final Duration backoff;
    private final String store;
    private final Map<TopicPartition, Long> rewound = new HashMap<>();
    private final Set<TopicPartition> restarted = new HashSet<>();
    private boolean repeatedBatch;

    /** Retries through {@code context}, after {@code backoff}, naming {@code store} in messages. */
    StoreRetries(SinkTaskContext context, Duration backoff, String store) {
        this.context = context;
        this.backoff = backoff;
        this.store = store;
    }

    /**
     * Handles a store failure while writing {@code partition}: returns a permanent failure as it is; for a transient
     * one, removes the partition's writer from {@code writers}, aborts it, rewinds the partition to its first record
     * not in a visible file (or to {@code failedOffset}, {@code -1} for none, when it has no writer) and returns a
     * {@link RetriableException}.
     */
    RuntimeException failed(Map<TopicPartition, TopicPartitionWriter> writers, TopicPartition partition,
            long failedOffset, ConnectException failure) {
        if (!StoreFailures.isTransient(failure)) {
            return failure;
        }
        TopicPartitionWriter writer = writers.remove(partition);
        long from = writer == null ? failedOffset : writer.replayFrom().orElse(failedOffset);
        if (writer != null) {
            try {
                writer.abort();
            } catch (ConnectException e) {
                failure.addSuppressed(e);
            }
        }
        if (from >= 0) {
            context.offset(partition, from);
            rewound.put(partition, from);
            repeatedBatch = true;
        }
        context.timeout(backoff.toMillis());
        return new RetriableException("Cannot write " + partition + " to " + store + " now: " + failure.getMessage()
                + "; its files since offset " + from + " are discarded and will be written again", failure);
    }

    /** Called at the start of each batch. */
    void startBatch() {
        restarted.clear();
    }

    /** Called when a batch was handled without failure. */
    void endBatch() {
        if (repeatedBatch) {
            rewound.clear();
            repeatedBatch = false;
        }
    }

    /** Whether to write the record of {@code partition} at {@code offset}. */
    boolean accepts(TopicPartition partition, long offset) {
        Long from = rewound.get(partition);
        if (from == null || restarted.contains(partition)) {
            return true;
        }
        if (offset == from) {
            rewound.remove(partition);
            restarted.add(partition);
            return true;
        }
        return false;
    }

    /** Forgets partitions that were revoked. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(rewound::remove);
    }
}
