package io.fsconnect.source.jdbc;

import org.apache.kafka.connect.data.Struct;

/**
 * Decides what one query cycle reads and how the offset moves as rows are read: the policy behind
 * {@code mode}. Implementations are stateless; the offset they are given is the only memory.
 */
public interface QueryMode {

    /** The statement of a cycle that starts after {@code offset}. */
    SqlQuery query(SourceSpec source, Dialect dialect, JdbcOffset offset);

    /**
     * Checks that a result has the columns this mode needs, with usable types.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException naming the config key and column
     */
    void check(RowSchema rows, SourceSpec source);

    /** The offset once {@code row}, the {@code rowNumber}th of its cycle, has been read. */
    JdbcOffset advance(JdbcOffset offset, Struct row, long rowNumber, SourceSpec source);
}
