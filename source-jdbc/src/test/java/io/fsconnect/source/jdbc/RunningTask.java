package io.fsconnect.source.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/** A started {@link JdbcSourceTask} driven the way the Connect worker drives it: poll, poll, poll. */
final class RunningTask implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    final JdbcSourceTask task = new JdbcSourceTask();
    final TestTaskContext context;

    RunningTask(Map<String, String> config) {
        this(config, new TestTaskContext());
    }

    RunningTask(Map<String, String> config, TestTaskContext context) {
        this.context = context;
        task.initialize(context);
        task.start(config);
    }

    /** The next non-empty batch, polling until one arrives or the deadline passes. */
    List<SourceRecord> nextBatch() throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            List<SourceRecord> records = task.poll();
            if (records != null && !records.isEmpty()) {
                return records;
            }
        }
        throw new AssertionError("No records within " + DEADLINE);
    }

    /** Polls until poll() throws (the query runs in the background, so the first polls may return nothing). */
    void pollUntilItFails() throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            task.poll();
        }
        throw new AssertionError("poll() did not fail within " + DEADLINE);
    }

    /** Exactly {@code count} records, from as many batches as it takes. */
    List<SourceRecord> next(int count) throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        while (records.size() < count) {
            records.addAll(nextBatch());
        }
        return records;
    }

    @Override
    public void close() {
        task.stop();
    }
}
