package io.fsconnect.source.jdbc;

import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * {@code mode=incrementing}: each cycle reads the rows whose incrementing column is greater than the
 * last value read, in ascending order of that column, so the offset after each row is that row's
 * value and a restart resumes exactly after the last row delivered. The table or query is wrapped:
 * {@code SELECT * FROM <source> WHERE <column> > ? ORDER BY <column>}. Rows that become visible
 * later with a smaller value (a long transaction committing after a newer one) are not read.
 */
public final class IncrementingQueryMode implements QueryMode {

    private final String column;

    public IncrementingQueryMode(String column) {
        this.column = column;
    }

    @Override
    public SqlQuery query(SourceSpec source, Dialect dialect, JdbcOffset offset) {
        String quoted = dialect.quoteIdentifier(column);
        String from = "SELECT * FROM " + source.fromClause(dialect);
        String order = " ORDER BY " + quoted + " ASC";
        if (offset.incrementing().isEmpty()) {
            return new SqlQuery(from + order, List.of());
        }
        return new SqlQuery(from + " WHERE " + quoted + " > ?" + order, List.of(offset.incrementing().getAsLong()));
    }

    @Override
    public void check(RowSchema rows, SourceSpec source) {
        Column found = rows.column(column).orElseThrow(() -> new ConnectException("Cannot find column '" + column
            + "' named in " + JdbcSourceConfig.INCREMENTING_COLUMN_NAME + " in the result of " + source.describe()
            + ": its columns are " + rows.columnNames() + "; column names must match exactly, including case"));
        if (!isWholeNumber(found.schema())) {
            throw new ConnectException("Cannot use column '" + column + "' of " + source.describe() + " as "
                + JdbcSourceConfig.INCREMENTING_COLUMN_NAME + ": its type " + found.databaseType()
                + " is not an integer type");
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

    @Override
    public JdbcOffset advance(JdbcOffset offset, Struct row, long rowNumber, SourceSpec source) {
        Object value = row.get(column);
        if (value == null) {
            throw new ConnectException("Cannot advance the offset of " + source.describe() + " past row " + rowNumber
                + " of the cycle: its " + JdbcSourceConfig.INCREMENTING_COLUMN_NAME + " '" + column
                + "' is NULL; filter NULLs out in a query");
        }
        try {
            long next = value instanceof BigDecimal decimal ? decimal.longValueExact() : ((Number) value).longValue();
            return offset.withIncrementing(next);
        } catch (ArithmeticException e) {
            throw new ConnectException("Cannot advance the offset of " + source.describe() + ": the "
                + JdbcSourceConfig.INCREMENTING_COLUMN_NAME + " value " + value + " is outside the range of a long");
        }
    }
}
