package io.fsconnect.source.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one source in query cycles. A cycle runs the mode's query once and streams its result: each
 * {@link #readBatch} returns at most {@code batch.max.rows} records and leaves the result set open for
 * the next call, so memory stays bounded and the query is never re-run per batch. A new cycle starts
 * {@code poll.interval.ms} after the previous one started. The offset of each record is the offset
 * after its row, so the in-memory offset is always that of the last record handed out.
 *
 * <p>Kafka Connect calls {@code SourceTask.stop()} only once {@code poll()} has returned, so no call
 * here blocks for longer than {@link #LONGEST_BLOCK}: the query itself runs on a helper thread until
 * it yields its first rows, and {@link #readBatch} returns nothing while it is still running. That
 * way the task notices a stop request promptly, and {@link #close()} cancels the statement in
 * flight on the server.
 *
 * <p>Not thread-safe, except {@link #cancel()}, which may be called from any thread to abort a
 * statement in flight. Any failure closes the connection and schedules the next cycle one poll
 * interval later, so retries of a failing database are paced.
 */
final class SourceReader implements AutoCloseable {

    /** The longest any call of this reader blocks its caller. */
    static final Duration LONGEST_BLOCK = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SourceReader.class);

    private final JdbcSourceConfig config;
    private final SourceSpec source;
    private final Dialect dialect;
    private final QueryMode mode;
    private final ColumnMapper columns;
    private final ConnectionOpener opener;

    private JdbcOffset offset;
    private Instant nextCycle;
    private Optional<Connection> connection = Optional.empty();
    private Optional<Cycle> cycle = Optional.empty();
    private Optional<PendingQuery> pending = Optional.empty();
    private final ExecutorService queryRunner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jdbc-source-query");
        thread.setDaemon(true);
        return thread;
    });
    private volatile PreparedStatement inFlight;
    private Optional<List<String>> keyColumns = Optional.empty();

    SourceReader(JdbcSourceConfig config, JdbcOffset offset, Instant firstCycle) {
        this(config, config.source(), config.mode().create(config, Clock.systemUTC()), offset, firstCycle);
    }

    SourceReader(JdbcSourceConfig config, SourceSpec source, QueryMode mode, JdbcOffset offset, Instant firstCycle) {
        this.config = config;
        this.source = source;
        this.dialect = Dialect.forUrl(config.connectionUrl());
        this.mode = mode;
        this.columns = new ColumnMapper(dialect, config);
        this.opener = ConnectionOpener.forConfig(config);
        this.offset = offset;
        this.nextCycle = firstCycle;
        log.info("Reading {} from {} ({} dialect), mode {}, starting after offset {}", source.describe(),
            ConnectionOpener.redact(config.connectionUrl()), dialect.name(), mode.getClass().getSimpleName(), offset.toMap());
    }

    /** How long until {@link #readBatch} has something to do: zero while a cycle is open or due. */
    Duration timeUntilNextBatch(Instant now) {
        if (cycle.isPresent() || pending.isPresent() || !now.isBefore(nextCycle)) {
            return Duration.ZERO;
        }
        return Duration.between(now, nextCycle);
    }

    /**
     * The next records of the open cycle, starting a cycle if none is open; empty when the cycle ended
     * without more rows or its query has not yet returned its first rows.
     *
     * @throws org.apache.kafka.connect.errors.RetriableException when the database is unreachable
     * @throws ConnectException for any other failure, naming the source and what to fix
     */
    List<SourceRecord> readBatch(Instant now) {
        String action = "connect to " + ConnectionOpener.redact(config.connectionUrl());
        try {
            Connection open = connection();
            action = "read " + source.describe();
            Optional<Cycle> started = cycle.isPresent() ? cycle : startCycle(open, now);
            if (started.isEmpty()) {
                return List.of();
            }
            Cycle current = started.get();
            // Only records that are returned move the offset: a failure mid-batch resumes after the last one.
            JdbcOffset batchOffset = offset;
            // Read once: a config lookup per row is measurable on large tables.
            int batchMaxRows = config.batchMaxRows();
            List<SourceRecord> records = new ArrayList<>(Math.min(batchMaxRows, 1024));
            // Rows skipped as already delivered count too, so one call reads at most batch.max.rows rows.
            boolean exhausted = false;
            for (int examined = 0; examined < batchMaxRows; examined++) {
                if (!current.results.next()) {
                    exhausted = true;
                    break;
                }
                long rowNumber = ++current.rowsRead;
                Struct row = readRow(current, rowNumber, batchOffset);
                Optional<JdbcOffset> after = mode.advance(batchOffset,
                    new ReadRow(row, current.results, current.rows, rowNumber), source);
                if (after.isPresent()) {
                    batchOffset = after.get();
                    records.add(current.records.toRecord(row, batchOffset, rowNumber));
                }
            }
            if (exhausted) {
                finishCycle(open, current);
                if (!mode.readsAgain()) {
                    log.info("Finished reading {}", source.describe());
                    closeQueryAndConnection();
                    nextCycle = Instant.MAX;
                }
            }
            offset = batchOffset;
            return records;
        } catch (SQLException e) {
            reset(now);
            throw SqlErrorHandler.handle(action, e);
        } catch (RuntimeException e) {
            reset(now);
            throw e;
        }
    }

    private Struct readRow(Cycle current, long rowNumber, JdbcOffset after) throws SQLException {
        try {
            return current.rows.read(current.results);
        } catch (ColumnValueException e) {
            throw new ConnectException("Cannot read row " + rowNumber + " of the cycle of " + source.describe()
                + " (after offset " + after.toMap() + "): " + e.getMessage());
        }
    }

    private Connection connection() throws SQLException {
        if (connection.isEmpty()) {
            Connection opened = opener.open();
            try {
                dialect.prepareForStreaming(opened);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = Optional.of(opened);
        }
        return connection.get();
    }

    /** The cycle once its query has returned, submitting the query first if needed; empty while it runs. */
    private Optional<Cycle> startCycle(Connection open, Instant now) throws SQLException {
        if (pending.isEmpty()) {
            pending = Optional.of(submitQuery(open, now));
        }
        PendingQuery query = pending.get();
        ResultSet results;
        try {
            results = query.results().get(LONGEST_BLOCK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            pending = Optional.empty();
            inFlight = null;
            query.statement().close();
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                : new ConnectException("Cannot run " + source.describe() + ": " + e.getCause(), e.getCause());
        }
        pending = Optional.empty();
        try {
            RowSchema rows = columns.map(results.getMetaData(), source);
            mode.check(rows, source);
            RecordMapper records = new RecordMapper(rows, source, config.topic(), keyColumns(open),
                config.eventTimeColumn());
            Cycle started = new Cycle(query.statement(), results, rows, records);
            cycle = Optional.of(started);
            return cycle;
        } catch (SQLException | RuntimeException e) {
            inFlight = null;
            query.statement().close();
            throw e;
        }
    }

    /** {@code primary.key.columns}, or else a table's primary key as the database declares it. */
    private List<String> keyColumns(Connection open) throws SQLException {
        if (keyColumns.isEmpty()) {
            List<String> configured = config.primaryKeyColumns();
            Optional<String> table = source.tableName();
            keyColumns = Optional.of(!configured.isEmpty() || table.isEmpty()
                ? configured : PrimaryKeyLookup.columns(open.getMetaData(), table.get()));
        }
        return keyColumns.get();
    }

    private PendingQuery submitQuery(Connection open, Instant now) throws SQLException {
        nextCycle = now.plus(config.pollInterval());
        SqlQuery query = mode.query(source, dialect, offset);
        log.debug("Starting a cycle of {}: {} with {}", source.describe(), query.sql(), query.parameters());
        PreparedStatement statement = open.prepareStatement(query.sql(), ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY);
        try {
            statement.setFetchSize(config.batchMaxRows());
            config.queryTimeout().ifPresent(timeout -> setQueryTimeout(statement, timeout));
            for (int i = 0; i < query.parameters().size(); i++) {
                Object parameter = query.parameters().get(i);
                if (parameter instanceof Instant timestamp) {
                    dialect.bindTimestamp(statement, i + 1, timestamp, config.dbTimeZone());
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
            inFlight = statement;
            Callable<ResultSet> execute = statement::executeQuery;
            return new PendingQuery(statement, queryRunner.submit(execute));
        } catch (SQLException | RuntimeException e) {
            inFlight = null;
            statement.close();
            throw e;
        }
    }

    private static void setQueryTimeout(PreparedStatement statement, Duration timeout) {
        try {
            long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
            statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
        } catch (SQLException e) {
            throw new ConnectException("Cannot set the query timeout from " + JdbcSourceConfig.QUERY_TIMEOUT_MS
                + ": " + e.getMessage() + "; set it to 0 if the driver does not support timeouts", e);
        }
    }

    private void finishCycle(Connection open, Cycle current) throws SQLException {
        cycle = Optional.empty();
        inFlight = null;
        current.close();
        if (!open.getAutoCommit()) {
            // Ends the read transaction the dialect needed for streaming; nothing was written.
            open.commit();
        }
        log.debug("Finished a cycle of {}: {} rows", source.describe(), current.rowsRead);
    }

    /** Aborts a statement in flight, from any thread; the reading thread then sees it fail. */
    void cancel() {
        PreparedStatement statement = inFlight;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                log.warn("Cannot cancel the query of {}: {}; closing the connection instead", source.describe(),
                    e.getMessage());
            }
        }
    }

    /** Closes the open cycle and connection after a failure; the next attempt is one poll interval away. */
    private void reset(Instant now) {
        mode.forgetDelivered();
        closeQueryAndConnection();
        nextCycle = now.plus(config.pollInterval());
    }

    /** Cancels a query in flight and releases everything; the reader cannot be used afterwards. */
    @Override
    public void close() {
        cancel();
        closeQueryAndConnection();
        queryRunner.shutdownNow();
        opener.close();
    }

    private void closeQueryAndConnection() {
        inFlight = null;
        pending.ifPresent(query -> {
            try {
                query.statement().cancel();
                query.statement().close();
            } catch (SQLException e) {
                log.warn("Cannot cancel the query of {}: {}", source.describe(), e.getMessage());
            }
        });
        pending = Optional.empty();
        cycle.ifPresent(Cycle::close);
        cycle = Optional.empty();
        connection.ifPresent(open -> {
            try {
                open.close();
            } catch (SQLException e) {
                log.warn("Cannot close the connection to {}: {}", ConnectionOpener.redact(config.connectionUrl()),
                    e.getMessage());
            }
        });
        connection = Optional.empty();
    }

    /** A statement whose query runs on the helper thread, and its future result. */
    private record PendingQuery(PreparedStatement statement, Future<ResultSet> results) {
    }

    /** The statement and result of the cycle being read. */
    private final class Cycle implements AutoCloseable {
        private final PreparedStatement statement;
        private final ResultSet results;
        private final RowSchema rows;
        private final RecordMapper records;
        private long rowsRead;

        Cycle(PreparedStatement statement, ResultSet results, RowSchema rows, RecordMapper records) {
            this.statement = statement;
            this.results = results;
            this.rows = rows;
            this.records = records;
        }

        @Override
        public void close() {
            try {
                results.close();
                statement.close();
            } catch (SQLException e) {
                log.warn("Cannot close the result of {}: {}", source.describe(), e.getMessage());
            }
        }
    }
}
