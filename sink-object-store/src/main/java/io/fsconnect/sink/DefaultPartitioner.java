package io.fsconnect.sink;

import java.time.Instant;
import org.apache.kafka.connect.sink.SinkRecord;

/** One directory per Kafka partition, {@code partition=<p>} ({@code partitioner.class=default}). */
final class DefaultPartitioner implements Partitioner {

    @Override
    public String encodePartition(SinkRecord record, Instant now) {
        return "partition=" + record.kafkaPartition();
    }
}
