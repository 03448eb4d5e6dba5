package io.fsconnect.source.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The columns of a query result and the Connect struct schema of its rows; reads the current row of
 * a result set into a {@link Struct}. Built by {@link ColumnMapper} once per query cycle.
 */
public record RowSchema(Schema valueSchema, List<Column> columns) {

    public RowSchema {
        columns = List.copyOf(columns);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public String columnNames() {
        return String.join(", ", columns.stream().map(Column::name).toList());
    }

    /**
     * The current row as a struct.
     *
     * @throws ColumnValueException naming the column, when a value does not fit its schema
     */
    public Struct read(ResultSet resultSet) throws SQLException {
        Struct row = new Struct(valueSchema);
        for (Column column : columns) {
            Object value;
            try {
                value = column.reader().read(resultSet, column.position());
            } catch (ColumnValueException e) {
                throw new ColumnValueException("Cannot read column '" + column.name() + "' ("
                    + column.databaseType() + "): " + e.getMessage());
            }
            row.put(column.name(), value);
        }
        return row;
    }
}
