package io.fsconnect.source.jdbc;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code mode=incrementing}: each cycle reads the rows whose incrementing column is greater than the
 * last value read (or than {@code incrementing.initial} before the first row), in ascending order of
 * that column, so the offset after each row is that row's value and a restart resumes exactly after
 * the last row delivered. The table or query is wrapped:
 * {@code SELECT * FROM <source> WHERE <column> > ? ORDER BY <column>}. Rows that become visible
 * later with a smaller value (a long transaction committing after a newer one) are not read; the
 * mode {@code timestamp+incrementing} with a lookback window covers those.
 */
public final class IncrementingQueryMode implements QueryMode {

    private final IncrementingColumn column;
    private final OptionalLong initial;

    public IncrementingQueryMode(String column) {
        this(column, OptionalLong.empty());
    }

    public IncrementingQueryMode(String column, OptionalLong initial) {
        this.column = new IncrementingColumn(column);
        this.initial = initial;
    }

    @Override
    public SqlQuery query(SourceSpec source, Dialect dialect, JdbcOffset offset) {
        String quoted = dialect.quoteIdentifier(column.name());
        String from = "SELECT * FROM " + source.fromClause(dialect);
        String order = " ORDER BY " + quoted + " ASC";
        OptionalLong after = offset.incrementing().isPresent() ? offset.incrementing() : initial;
        if (after.isEmpty()) {
            return new SqlQuery(from + order, List.of());
        }
        return new SqlQuery(from + " WHERE " + quoted + " > ?" + order, List.of(after.getAsLong()));
    }

    @Override
    public void check(RowSchema rows, SourceSpec source) {
        column.check(rows, source);
    }

    @Override
    public Optional<JdbcOffset> advance(JdbcOffset offset, ReadRow row, SourceSpec source) {
        return Optional.of(offset.withIncrementing(column.read(row.value(), row.number(), source)));
    }
}
