package io.fsconnect.source.jdbc;

import java.util.List;
import java.util.Optional;

/**
 * {@code mode=bulk}: every cycle reads the whole table or query, a full snapshot; there is no offset
 * to keep. A query runs exactly as written, since nothing needs to be added to it.
 */
public final class BulkQueryMode implements QueryMode {

    @Override
    public SqlQuery query(SourceSpec source, Dialect dialect, JdbcOffset offset) {
        String sql = source instanceof SourceSpec.Query query ? query.sql()
            : "SELECT * FROM " + source.fromClause(dialect);
        return new SqlQuery(sql, List.of());
    }

    @Override
    public void check(RowSchema rows, SourceSpec source) {
    }

    @Override
    public Optional<JdbcOffset> advance(JdbcOffset offset, ReadRow row, SourceSpec source) {
        return Optional.of(offset);
    }
}
