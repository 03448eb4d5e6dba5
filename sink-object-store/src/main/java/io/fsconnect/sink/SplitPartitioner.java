package io.fsconnect.sink;

import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Puts each record's directory under the directory of its part of a {@link DataSplit}:
 * {@code <part>/<directories of the configured partitioner>}, so the parts of a topic sit side by side as
 * {@code <topics.dir>/<topic>/train/...}, {@code .../test/...}.
 */
final class SplitPartitioner implements Partitioner {

    private final DataSplit split;
    private final Partitioner within;

    SplitPartitioner(DataSplit split, Partitioner within) {
        this.split = Objects.requireNonNull(split, "split");
        this.within = Objects.requireNonNull(within, "within");
    }

    @Override
    public String encodePartition(SinkRecord record, Instant now) {
        return split.partOf(record) + "/" + within.encodePartition(record, now);
    }
}
