package io.fsconnect.source.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * The task of {@link JdbcSourceConnector}: loads the stored offset of its source and hands batches
 * from a {@link SourceReader} to Kafka Connect. {@link #poll()} blocks for about a second at most
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
    private volatile SourceReader reader;

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
        JdbcSourceConfig config = new JdbcSourceConfig(props);
        JdbcOffset offset = OffsetLoader.load(context.offsetStorageReader(), config.source().partition());
        readerLock.lock();
        try {
            reader = new SourceReader(config, offset, clock.instant());
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
            Duration wait = reader.timeUntilNextBatch(clock.instant());
            if (!wait.isZero()) {
                // Bounded: the worker calls stop() only after poll() returns, so poll() must return soon.
                Duration bounded = wait.compareTo(SourceReader.LONGEST_BLOCK) < 0 ? wait : SourceReader.LONGEST_BLOCK;
                stopSignal.await(Math.max(1, bounded.toMillis()), TimeUnit.MILLISECONDS);
                return null;
            }
            List<SourceRecord> records = reader.readBatch(clock.instant());
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
                reader.close();
            }
            readerLock.unlock();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        stopSignal.countDown();
        SourceReader current = reader;
        if (current == null) {
            return;
        }
        current.cancel();
        // If poll() holds the reader it closes it on its way out; never wait for it here.
        if (readerLock.tryLock()) {
            try {
                current.close();
            } finally {
                readerLock.unlock();
            }
        }
    }
}
