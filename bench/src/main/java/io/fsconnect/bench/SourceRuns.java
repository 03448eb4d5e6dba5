package io.fsconnect.bench;

import io.fsconnect.testkit.ConnectCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Times one run of a source scenario into a fresh 1-partition topic, the same way for the connector and its
 * baseline: from the first record to the topic's end offsets reaching the row count. The connector is created
 * through the REST API with the {@link FirstRecordClock} transformation added to its configuration and deleted
 * after the run; the baseline marks the clock itself. {@link #rounds} measures both sides in alternating rounds.
 */
final class SourceRuns {

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(20);

    /** The baseline's work: copy every row into {@code topic} on the broker at {@code bootstrapServers}. */
    @FunctionalInterface
    interface Copy {
        void into(String bootstrapServers, String topic) throws Exception;
    }

    private SourceRuns() {
    }

    /**
     * Measures {@code connector} and {@code baseline} in alternating {@link Rounds} (each run into a topic of its
     * own) and returns each side's fastest run. {@code peak_heap_mb} is the highest heap after a collection during
     * the first connector run, which is the first timed run.
     */
    static BenchResult rounds(String scenario, int rows, HeapAfterGc heap, Rounds.Run connector,
                              Rounds.Run baseline) throws Exception {
        long[] peakHeapMb = new long[1];
        heap.reset();
        Rounds.Fastest fastest = Rounds.alternate(Rounds.configured(), run -> {
            double seconds = connector.seconds(run);
            if (run == 1) {
                peakHeapMb[0] = heap.peakMb();
            }
            return seconds;
        }, baseline);
        return new BenchResult(scenario, rows, fastest, peakHeapMb[0], Map.of());
    }

    /**
     * Runs connector {@code name} with {@code config}, to which the clock transformation is added, until
     * {@code topic} holds {@code rows} records, then deletes it.
     */
    static double connector(ConnectCluster cluster, KafkaConsumer<byte[], byte[]> probe, Measurement measurement,
                            String name, Map<String, String> config, String topic, int rows, Duration timeout) {
        cluster.createTopic(topic, 1);
        Map<String, String> timed = new HashMap<>(config);
        timed.put("transforms", "clock");
        timed.put("transforms.clock.type", FirstRecordClock.class.getName());
        double seconds = measurement.seconds(name, () -> cluster.rest().putConfig(name, timed),
                ConnectorHealth.failFast(cluster.rest(), name, holds(probe, topic, rows)),
                PROBE_INTERVAL, timeout);
        cluster.rest().delete(name);
        Bench.progress(String.format("%s: %d rows in %.3f s", name, rows, seconds));
        return seconds;
    }

    /** Runs the baseline's {@code copy} until {@code topic} holds {@code rows}. */
    static double baseline(ConnectCluster cluster, KafkaConsumer<byte[], byte[]> probe, Measurement measurement,
                           String topic, int rows, Duration timeout, Copy copy) {
        cluster.createTopic(topic, 1);
        double seconds = measurement.seconds("baseline " + topic, () -> {
            copy.into(cluster.bootstrapServers(), topic);
            return null;
        }, holds(probe, topic, rows), PROBE_INTERVAL, timeout);
        Bench.progress(String.format("baseline %s: %d rows in %.3f s", topic, rows, seconds));
        return seconds;
    }

    /**
     * Holds once the topic's one partition ends at {@code rows} or more. The partition is named rather than looked
     * up, since right after the topic's creation a metadata lookup can still come back without it.
     */
    private static BooleanSupplier holds(KafkaConsumer<byte[], byte[]> probe, String topic, int rows) {
        TopicPartition partition = new TopicPartition(topic, 0);
        return () -> probe.endOffsets(List.of(partition)).getOrDefault(partition, 0L) >= rows;
    }
}
