package io.fsconnect.sink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A worker's task context reduced to what the task reads, with an optional errant-record reporter. */
final class FakeSinkTaskContext implements SinkTaskContext {

    /** A record sent to the errant-record reporter, and why. */
    record Reported(SinkRecord record, Throwable error) {
    }

    private final Map<String, String> configs;
    private final Set<TopicPartition> assignment = new HashSet<>();
    private final List<Reported> reported = new ArrayList<>();
    private final boolean withReporter;
    private final Map<TopicPartition, Long> rewinds = new java.util.HashMap<>();
    private long timeoutMs = -1;

    FakeSinkTaskContext(Map<String, String> configs, boolean withReporter) {
        this.configs = Map.copyOf(configs);
        this.withReporter = withReporter;
    }

    List<Reported> reported() {
        return reported;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    /** The rewinds the task asked for, as the worker would apply them at its next poll. */
    Map<TopicPartition, Long> rewinds() {
        return rewinds;
    }

    /** The last retry timeout the task asked for. */
    long timeoutMs() {
        return timeoutMs;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        rewinds.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        rewinds.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!withReporter) {
            return null;
        }
        return (SinkRecord record, Throwable error) -> {
            reported.add(new Reported(record, error));
            Future<Void> done = CompletableFuture.completedFuture(null);
            return done;
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }
}
