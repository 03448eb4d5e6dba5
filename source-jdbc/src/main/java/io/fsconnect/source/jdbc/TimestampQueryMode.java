package io.fsconnect.source.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * {@code mode=timestamp} and {@code mode=timestamp+incrementing}: each cycle reads the rows whose
 * timestamp ({@code timestamp.column.name}; several columns mean their {@code COALESCE}) lies in
 * {@code [high-water mark - timestamp.lookback.ms, now - timestamp.delay.interval.ms)}, ordered by
 * timestamp and then by the incrementing column. The high-water mark is the greatest position
 * (timestamp, then incrementing value) delivered so far; it is the stored offset, with the
 * database's full timestamp precision, so a row is never re-read forever for lack of precision.
 *
 * <p>What is guaranteed:
 * <ul>
 *   <li>Rows sharing a timestamp are never lost, whether a restart or rebalance happens in the middle
 *       of them or not: the lower bound is inclusive, and rows at or before the mark that this task
 *       has already delivered are recognised and skipped (in memory, {@link DeliveredWindow}).</li>
 *   <li>A row committed late, after rows with later timestamps were delivered (a long transaction),
 *       is delivered as long as it becomes visible while its timestamp is still inside the window:
 *       that holds when it commits no later than {@code timestamp.lookback.ms +
 *       timestamp.delay.interval.ms - poll.interval.ms} after the time its timestamp states, and the
 *       database's and the worker's clocks agree to within {@code timestamp.delay.interval.ms}. With
 *       {@code DEFAULT now()} timestamps that means: transactions shorter than the window.</li>
 *   <li>Delivery is at least once. The task skips re-read rows it has sent; after a restart it
 *       re-sends the rows of the window behind the stored mark once, since the offset stays small
 *       and does not list them. A cycle that fails (the database unreachable) forgets them too, so
 *       its retry re-sends them once as well. With {@code timestamp+incrementing} and a zero
 *       window, rows at or before the stored mark are skipped instead, so a restart re-sends
 *       nothing.</li>
 * </ul>
 * The window is applied at the full precision of the values read: a database that compares a
 * coarser form (SQLite's text, normalised to milliseconds) returns rows a little before the window,
 * and those are skipped like the ones the database leaves out, so no cycle re-sends them.
 * Rows whose timestamp is NULL are never read (name a fallback column, COALESCE is applied), and
 * rows whose timestamp is in the future are read once it has passed. Memory grows with the number
 * of rows whose timestamps fall within one window. In {@code timestamp} mode a row is identified
 * within its timestamp by a digest of all its values, so an update that keeps the timestamp but
 * changes values is sent again, and an identical late copy of a sent row is not.
 */
public final class TimestampQueryMode implements QueryMode {

    private final List<String> timestampColumns;
    private final Optional<IncrementingColumn> incrementing;
    private final Duration lookback;
    private final Duration delay;
    private final Optional<Instant> initial;
    private final Dialect dialect;
    private final ZoneId dbZone;
    private final Clock clock;
    private final DeliveredWindow delivered = new DeliveredWindow();
    /** The exact lower bound of the cycle being read, as {@link #query} computed it. */
    private Optional<Instant> windowStart = Optional.empty();

    /**
     * @param timestampColumns the columns whose first non-NULL value is a row's timestamp
     * @param incrementing the incrementing column of timestamp+incrementing, empty in timestamp mode
     * @param initial where to start when no offset is stored; empty reads from the oldest row
     */
    public TimestampQueryMode(List<String> timestampColumns, Optional<String> incrementing, Duration lookback,
                              Duration delay, Optional<Instant> initial, Dialect dialect, ZoneId dbZone,
                              Clock clock) {
        this.timestampColumns = List.copyOf(timestampColumns);
        this.incrementing = incrementing.map(IncrementingColumn::new);
        this.lookback = lookback;
        this.delay = delay;
        this.initial = initial;
        this.dialect = dialect;
        this.dbZone = dbZone;
        this.clock = clock;
    }

    @Override
    public SqlQuery query(SourceSpec source, Dialect sqlDialect, JdbcOffset offset) {
        String columns = timestampColumns.stream().map(sqlDialect::quoteIdentifier).collect(Collectors.joining(", "));
        String timestamp = sqlDialect.timestampExpression(timestampColumns.size() == 1 ? columns
            : "COALESCE(" + columns + ")");
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        Optional<Instant> lower = offset.timestamp().map(mark -> mark.minus(lookback)).or(() -> initial);
        windowStart = lower;
        lower.ifPresent(bound -> {
            conditions.add(timestamp + " >= ?");
            parameters.add(bound);
        });
        conditions.add(timestamp + " < ?");
        parameters.add(clock.instant().minus(delay));
        String order = timestamp + " ASC" + incrementing.map(c -> ", " + sqlDialect.quoteIdentifier(c.name()) + " ASC")
            .orElse("");
        return new SqlQuery("SELECT * FROM " + source.fromClause(sqlDialect) + " WHERE "
            + String.join(" AND ", conditions) + " ORDER BY " + order, parameters);
    }

    @Override
    public void check(RowSchema rows, SourceSpec source) {
        String key = JdbcSourceConfig.TIMESTAMP_COLUMN_NAME;
        for (String name : timestampColumns) {
            Column found = rows.column(name).orElseThrow(() -> new UnusableColumnException(key, "Cannot find column '"
                + name + "' named in " + key + " in the result of " + source.describe() + ": its columns are "
                + rows.columnNames() + "; column names must match exactly, including case"));
            String logical = found.schema().name();
            if (!Timestamp.LOGICAL_NAME.equals(logical) && !Date.LOGICAL_NAME.equals(logical)) {
                throw new UnusableColumnException(key, "Cannot use column '" + name + "' of " + source.describe()
                    + " as " + key + ": its type " + found.databaseType() + " is not a TIMESTAMP, DATETIME or "
                    + "DATE type; name another column or CAST it in the query");
            }
        }
        incrementing.ifPresent(column -> column.check(rows, source));
    }

    @Override
    public Optional<JdbcOffset> advance(JdbcOffset offset, ReadRow row, SourceSpec source) throws SQLException {
        Instant timestamp = timestampOf(row, source);
        if (windowStart.isPresent() && timestamp.isBefore(windowStart.get())) {
            // The database compared a coarser form of the timestamp than the one read here (SQLite
            // compares millisecond text), so it returned a row from before the window: sent already,
            // and forgotten as such, or a late commit the window no longer waits for.
            return Optional.empty();
        }
        Object identity = incrementing.<Object>map(c -> c.read(row.value(), row.number(), source))
            .orElseGet(() -> digest(row.value()));
        if (delivered.contains(timestamp, identity)) {
            return Optional.empty();
        }
        boolean beyondMark = isBeyond(timestamp, identity, offset);
        if (!beyondMark && incrementing.isPresent() && lookback.isZero()) {
            // Without a window, a row at or before the mark was delivered before a restart (or is a late
            // commit the configuration chose not to wait for): the classic timestamp+incrementing rule.
            return Optional.empty();
        }
        JdbcOffset next = offset;
        if (beyondMark) {
            next = offset.withTimestamp(timestamp);
            if (identity instanceof Long id) {
                next = next.withIncrementing(id);
            }
        }
        delivered.add(timestamp, identity);
        delivered.forgetBefore(next.timestamp().orElse(timestamp).minus(lookback));
        return Optional.of(next);
    }

    @Override
    public void forgetDelivered() {
        delivered.clear();
    }

    /** Whether the row's position (timestamp, then incrementing value) is after the offset's. */
    private static boolean isBeyond(Instant timestamp, Object identity, JdbcOffset offset) {
        if (offset.timestamp().isEmpty()) {
            return true;
        }
        int byTime = timestamp.compareTo(offset.timestamp().get());
        if (byTime != 0) {
            return byTime > 0;
        }
        return identity instanceof Long id && offset.incrementing().isPresent()
            && id > offset.incrementing().getAsLong();
    }

    private Instant timestampOf(ReadRow row, SourceSpec source) throws SQLException {
        for (String name : timestampColumns) {
            int position = row.columns().column(name).orElseThrow().position();
            Optional<Instant> value = dialect.readTimestamp(row.results(), position, dbZone);
            if (value.isPresent()) {
                return value.get();
            }
        }
        throw new ConnectException("Cannot advance the offset of " + source.describe() + " past row " + row.number()
            + " of the cycle: every column of " + JdbcSourceConfig.TIMESTAMP_COLUMN_NAME + " " + timestampColumns
            + " is NULL, though the query excludes such rows; check that the columns are not computed differently "
            + "on each read");
    }

    /** A collision-resistant identity of a row's values, for telling rows with equal timestamps apart. */
    private static String digest(Struct row) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Field field : row.schema().fields()) {
                Object value = row.get(field);
                byte[] bytes = value == null ? new byte[] {0}
                    : value instanceof byte[] raw ? raw
                    : value instanceof java.util.Date date ? Long.toString(date.getTime()).getBytes(StandardCharsets.UTF_8)
                    : value.toString().getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : bytes.length).array());
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
