package io.fsconnect.source.jdbc;

import java.math.BigDecimal;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The column named by {@code incrementing.column.name}: checks that a result has it with a whole-number
 * type, and reads its value from a row as a long. A NULL or out-of-range value fails naming the row,
 * since the offset could not move past it.
 */
final class IncrementingColumn {

    private final String name;

    IncrementingColumn(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void check(RowSchema rows, SourceSpec source) {
        String key = JdbcSourceConfig.INCREMENTING_COLUMN_NAME;
        Column found = rows.column(name).orElseThrow(() -> new UnusableColumnException(key, "Cannot find column '"
            + name + "' named in " + key + " in the result of " + source.describe() + ": its columns are "
            + rows.columnNames() + "; column names must match exactly, including case"));
        if (!isWholeNumber(found.schema())) {
            throw new UnusableColumnException(key, "Cannot use column '" + name + "' of " + source.describe()
                + " as " + key + ": its type " + found.databaseType() + " is not an integer type");
        }
    }

    private static boolean isWholeNumber(Schema schema) {
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            return "0".equals(schema.parameters().get(Decimal.SCALE_FIELD));
        }
        return schema.name() == null && switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
    }

    long read(Struct row, long rowNumber, SourceSpec source) {
        Object value = row.get(name);
        if (value == null) {
            throw new ConnectException("Cannot advance the offset of " + source.describe() + " past row " + rowNumber
                + " of the cycle: its " + JdbcSourceConfig.INCREMENTING_COLUMN_NAME + " '" + name
                + "' is NULL; filter NULLs out in a query");
        }
        try {
            return value instanceof BigDecimal decimal ? decimal.longValueExact() : ((Number) value).longValue();
        } catch (ArithmeticException e) {
            throw new ConnectException("Cannot advance the offset of " + source.describe() + ": the "
                + JdbcSourceConfig.INCREMENTING_COLUMN_NAME + " value " + value + " is outside the range of a long");
        }
    }
}
