package io.fsconnect.source.jdbc;

import java.util.List;
import java.util.Optional;

/**
 * Reads one key range of a table's chunked first load ({@link FirstLoadPlan}) once, in ascending
 * order of the incrementing column, resuming after the last row delivered:
 * {@code SELECT * FROM <table> WHERE <column> > ? AND <column> <= ? ORDER BY <column>}. Once a cycle
 * has read to the end of the range the chunk is done and is not queried again while the task runs;
 * after a restart one query, which finds no rows past the stored offset, confirms it.
 */
final class ChunkQueryMode implements QueryMode {

    private final IncrementingColumn column;
    private final FirstLoadPlan.Range range;

    ChunkQueryMode(String column, FirstLoadPlan.Range range) {
        this.column = new IncrementingColumn(column);
        this.range = range;
    }

    @Override
    public SqlQuery query(SourceSpec source, Dialect dialect, JdbcOffset offset) {
        String quoted = dialect.quoteIdentifier(column.name());
        long after = Math.max(range.after(), offset.incrementing().orElse(range.after()));
        return new SqlQuery("SELECT * FROM " + source.fromClause(dialect) + " WHERE " + quoted + " > ? AND " + quoted
            + " <= ? ORDER BY " + quoted + " ASC", List.of(after, range.upTo()));
    }

    @Override
    public void check(RowSchema rows, SourceSpec source) {
        column.check(rows, source);
    }

    @Override
    public Optional<JdbcOffset> advance(JdbcOffset offset, ReadRow row, SourceSpec source) {
        return Optional.of(offset.withIncrementing(column.read(row.value(), row.number(), source)));
    }

    @Override
    public boolean readsAgain() {
        return false;
    }
}
