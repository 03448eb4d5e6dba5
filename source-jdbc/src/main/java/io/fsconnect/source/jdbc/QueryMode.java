package io.fsconnect.source.jdbc;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Decides what one query cycle reads and how the offset moves as rows are read: the policy behind
 * {@code mode}. One instance serves one source for the life of a task; the offset it is given is the
 * only state that survives a restart, and any state an instance keeps in memory (the rows of the
 * lookback window of the timestamp modes) only avoids re-sending rows while the task runs. The rows
 * given to {@link #advance} are those of the statement the latest {@link #query} call returned.
 */
public interface QueryMode {

    /** The statement of a cycle that starts after {@code offset}. */
    SqlQuery query(SourceSpec source, Dialect dialect, JdbcOffset offset);

    /**
     * Checks that a result has the columns this mode needs, with usable types.
     *
     * @throws UnusableColumnException naming the config key and column
     */
    void check(RowSchema rows, SourceSpec source);

    /**
     * The offset once {@code row} has been handed to Kafka Connect, or empty when the row was already
     * delivered by this task and is skipped (a re-read of the lookback window).
     */
    Optional<JdbcOffset> advance(JdbcOffset offset, ReadRow row, SourceSpec source) throws SQLException;

    /**
     * Called when a cycle fails: rows this mode saw since the last batch handed out were never
     * delivered, so nothing it remembers may be used to skip rows any more.
     */
    default void forgetDelivered() {
    }

    /** Whether a cycle that read to the end is followed by another one; a first-load chunk is read once. */
    default boolean readsAgain() {
        return true;
    }
}
