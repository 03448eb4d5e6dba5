package io.fsconnect.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Which records to take after a partition was rewound because of a store failure. After a
 * {@link org.apache.kafka.connect.errors.RetriableException} the worker first delivers the failed batch again and
 * only then the records from the rewound position. Records of a rewound partition in that repeated batch are
 * dropped, except the one at the rewind offset itself, which starts the partition afresh; from the next batch on,
 * everything is taken (records already handled are recognised by their offsets elsewhere).
 */
final class StoreRetries {

    private final Map<TopicPartition, Long> rewound = new HashMap<>();
    private final Set<TopicPartition> restarted = new HashSet<>();
    private boolean repeatedBatch;

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

    /** Records that {@code partition} was rewound to {@code offset} and that the failed batch will come again. */
    void rewound(TopicPartition partition, long offset) {
        rewound.put(partition, offset);
        repeatedBatch = true;
    }

    /** Forgets partitions that were revoked. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(rewound::remove);
    }
}
