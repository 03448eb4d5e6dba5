package io.fsconnect.source.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Lists the tables a connector with {@code table.include.list} reads, from the database's JDBC
 * metadata: tables of the kinds in {@code table.types} in the schemas matching
 * {@code schema.pattern}, selected by a {@link TableFilter}. Each call opens and closes its own
 * connection, so it can run on any thread.
 */
final class TableDiscovery {

    private final ConnectionOpener opener;
    private final Optional<String> schemaPattern;
    private final String[] tableTypes;
    private final TableFilter filter;

    TableDiscovery(JdbcSourceConfig config) {
        this.opener = ConnectionOpener.forConfig(config);
        this.schemaPattern = Optional.ofNullable(config.getString(SourceSelectionKeys.SCHEMA_PATTERN))
            .filter(p -> !p.isBlank());
        this.tableTypes = config.getList(SourceSelectionKeys.TABLE_TYPES).stream().map(String::strip)
            .toArray(String[]::new);
        this.filter = TableFilter.of(config.getList(SourceSelectionKeys.TABLE_INCLUDE_LIST),
            config.getList(SourceSelectionKeys.TABLE_EXCLUDE_LIST));
    }

    /** The selected tables as {@code schema.table} (or {@code table} where there are no schemas), sorted. */
    SortedSet<String> tables() throws SQLException {
        SortedSet<String> names = new TreeSet<>();
        try (Connection connection = opener.open()) {
            DatabaseMetaData metadata = connection.getMetaData();
            try (ResultSet tables = metadata.getTables(null, schemaPattern.orElse(null), "%", tableTypes)) {
                while (tables.next()) {
                    String schema = tables.getString("TABLE_SCHEM");
                    String table = tables.getString("TABLE_NAME");
                    String qualified = schema == null || schema.isEmpty() ? table : schema + "." + table;
                    if (filter.selects(qualified)) {
                        names.add(qualified);
                    }
                }
            }
        }
        return names;
    }

    /** Tables as source names, for assignment to tasks. */
    static List<SourceName> asSources(SortedSet<String> tables) {
        return tables.stream().map(SourceName::table).toList();
    }
}
