package io.fsconnect.source.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.SortedSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TableDiscovery} every {@code table.poll.interval.ms} on a thread of its own and asks
 * Kafka Connect to reconfigure the tasks when the selected tables change. The first listing happens
 * in {@link #start}, so the connector's first task configurations already know the tables. A
 * database that cannot be reached is tried again at the next interval (the tasks keep reading the
 * tables they have); any other failure, such as rejected credentials, fails the connector.
 */
final class TableWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TableWatcher.class);

    private final TableDiscovery discovery;
    private final ConnectorContext context;
    private final Duration interval;
    private final AtomicReference<SortedSet<String>> tables = new AtomicReference<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jdbc-source-table-discovery");
        thread.setDaemon(true);
        return thread;
    });

    TableWatcher(TableDiscovery discovery, ConnectorContext context, Duration interval) {
        this.discovery = discovery;
        this.context = context;
        this.interval = interval;
    }

    /** Lists the tables once, then keeps watching. */
    void start() {
        try {
            tables.set(discovery.tables());
        } catch (SQLException e) {
            throw SqlErrorHandler.handle("list the tables to read", e);
        }
        log.info("Reading {} table(s): {}", tables.get().size(), tables.get());
        timer.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The tables selected by the latest successful listing. */
    SortedSet<String> tables() {
        return tables.get();
    }

    private void refresh() {
        try {
            SortedSet<String> found = discovery.tables();
            SortedSet<String> previous = tables.getAndSet(found);
            if (!found.equals(previous)) {
                log.info("The tables to read changed from {} to {}; reconfiguring the tasks", previous, found);
                context.requestTaskReconfiguration();
            }
        } catch (SQLException e) {
            ConnectException failure = SqlErrorHandler.handle("list the tables to read", e);
            if (failure instanceof RetriableException) {
                log.warn("{}; the tasks keep their tables until the next listing in {}", failure.getMessage(), interval);
            } else {
                context.raiseError(failure);
            }
        } catch (RuntimeException e) {
            context.raiseError(new ConnectException("Cannot list the tables to read: " + e, e));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
