package io.fsconnect.source.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The columns of a query result and the Connect struct schema of its rows; reads the current row of
 * a result set into a {@link Struct}. Built by {@link ColumnMapper} once per query cycle. The struct's
 * fields are the columns, in the same order and with the same names and schemas.
 */
public record RowSchema(Schema valueSchema, List<Column> columns) {

    /**
     * @throws IllegalArgumentException when the struct's fields are not the columns in order
     */
    public RowSchema {
        columns = List.copyOf(columns);
        List<Field> fields = valueSchema.fields();
        if (fields.size() != columns.size()) {
            throw new IllegalArgumentException("Cannot describe a result of " + columns.size() + " columns with a "
                + "struct of " + fields.size() + " fields");
        }
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).name().equals(columns.get(i).name())) {
                throw new IllegalArgumentException("Cannot describe column '" + columns.get(i).name()
                    + "' with struct field '" + fields.get(i).name() + "': fields must follow the columns' order");
            }
        }
    }

    public Optional<Column> column(String name) {
        // Fields and columns share their order, and the schema finds a field by name without a scan.
        return Optional.ofNullable(valueSchema.field(name)).map(field -> columns.get(field.index()));
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
        List<Field> fields = valueSchema.fields();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object value;
            try {
                value = column.reader().read(resultSet, column.position());
            } catch (ColumnValueException e) {
                throw new ColumnValueException("Cannot read column '" + column.name() + "' ("
                    + column.databaseType() + "): " + e.getMessage());
            }
            // By field, not by name: a name lookup per column and row is measurable on large tables.
            row.put(fields.get(i), value);
        }
        return row;
    }
}
