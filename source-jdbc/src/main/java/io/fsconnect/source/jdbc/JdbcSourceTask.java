package io.fsconnect.source.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task of {@link JdbcSourceConnector}: loads the stored offset of each source assigned to it and
 * hands batches from one {@link SourceReader} per source to Kafka Connect, taking the sources that
 * are due in turn so that a large table never starves the others. {@link #poll()} blocks for about a second at most
 * (recent workers call {@code stop()} only after {@code poll()} returns) and returns null when there
 * is nothing to return yet. {@link #stop()} never waits for the database: it cancels a statement in
 * flight and wakes a waiting {@code poll()}; the connection is closed by whichever of the two
 * threads holds the reader last.
 */
public class JdbcSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(JdbcSourceTask.class);

    private final Clock clock;
    private final ReentrantLock readerLock = new ReentrantLock();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile List<SourceReader> readers = List.of();
    private int next;

    public JdbcSourceTask() {
        this(Clock.systemUTC());
    }

    JdbcSourceTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.current();
    }

    @Override
    public void start(Map<String, String> props) {
        List<SourceSettings.Assigned> sources = SourceSettings.forTask(props, clock);
        List<SourceReader> opened = new ArrayList<>();
        readerLock.lock();
        try {
            for (SourceSettings.Assigned source : sources) {
                JdbcOffset offset = OffsetLoader.load(context.offsetStorageReader(), source.spec().partition());
                opened.add(new SourceReader(source.config(), source.spec(), source.mode(), offset, clock.instant()));
            }
            readers = List.copyOf(opened);
        } finally {
            readerLock.unlock();
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        readerLock.lock();
        try {
            if (stopping) {
                return null;
            }
            Instant now = clock.instant();
            Duration wait = SourceReader.LONGEST_BLOCK;
            Optional<SourceReader> due = Optional.empty();
            for (int i = 0; i < readers.size() && due.isEmpty(); i++) {
                SourceReader candidate = readers.get((next + i) % readers.size());
                Duration untilDue = candidate.timeUntilNextBatch(now);
                if (untilDue.isZero()) {
                    due = Optional.of(candidate);
                    next = (next + i + 1) % readers.size();
                } else if (untilDue.compareTo(wait) < 0) {
                    wait = untilDue;
                }
            }
            if (due.isEmpty()) {
                // Bounded: the worker calls stop() only after poll() returns, so poll() must return soon.
                stopSignal.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
                return null;
            }
            // One reader per poll: each call may wait up to LONGEST_BLOCK for a query to start returning rows.
            List<SourceRecord> records = due.get().readBatch(now);
            return records.isEmpty() ? null : records;
        } catch (ConnectException e) {
            if (stopping) {
                // The failure is the statement that stop() cancelled; the task is going away anyway.
                log.debug("Query ended by stop(): {}", e.getMessage());
                return null;
            }
            throw e;
        } finally {
            if (stopping) {
                readers.forEach(SourceReader::close);
            }
            readerLock.unlock();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        stopSignal.countDown();
        List<SourceReader> current = readers;
        current.forEach(SourceReader::cancel);
        // If poll() holds the readers it closes them on its way out; never wait for it here.
        if (readerLock.tryLock()) {
            try {
                current.forEach(SourceReader::close);
            } finally {
                readerLock.unlock();
            }
        }
    }
}
