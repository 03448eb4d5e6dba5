package io.fsconnect.sink;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Chooses the directory of a record's file: {@link #encodePartition} returns a relative path such as
 * {@code partition=3} or {@code region=eu/year=2024/month=02}, placed between {@code <topics.dir>/<topic>/}
 * and the object name. Records of one Kafka partition with different encoded partitions go to different
 * files. The result must depend only on the record (and {@code now} only for partitioners that say they
 * use the wall clock), so that a replay writes the same objects. Implementations need a public no-argument
 * constructor when named in {@code partitioner.class}; one instance serves one task, on one thread.
 */
public interface Partitioner {

    /**
     * Receives the connector's configuration before the first record.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the key if it is not usable
     */
    default void configure(Map<String, String> props) {
    }

    /**
     * The relative directory of {@code record}'s file: '/'-separated segments, none empty, no leading or
     * trailing '/'.
     *
     * @param now the wall-clock time, for partitioners that use it
     * @throws org.apache.kafka.connect.errors.DataException naming the record's field if the record cannot
     *     be placed; the sink then fails or reports the record as errant
     */
    String encodePartition(SinkRecord record, Instant now);
}
