package io.fsconnect.source.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of the current row as a Kafka Connect value of the column's schema, or null for
 * SQL NULL. A value that cannot be represented exactly throws {@link ColumnValueException}.
 */
@FunctionalInterface
public interface ColumnReader {

    Object read(ResultSet resultSet, int column) throws SQLException;
}
