package io.fsconnect.source.jdbc;

/**
 * A column value that does not fit its Kafka Connect schema (e.g. too many fraction digits for the
 * declared scale). The caller adds which column, row and source it came from.
 */
public final class ColumnValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ColumnValueException(String reason) {
        super(reason);
    }
}
