package io.fsconnect.source.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds a table's primary-key columns in the database's JDBC metadata, in key order, so that records
 * of a table get its primary key as their Kafka key when {@code primary.key.columns} is not set. A
 * table without a primary key yields no columns (records without a key); a query never has one.
 */
final class PrimaryKeyLookup {

    private PrimaryKeyLookup() {
    }

    /** The key columns of {@code qualifiedName} ({@code table}, {@code schema.table} or {@code catalog.schema.table}). */
    static List<String> columns(DatabaseMetaData metadata, String qualifiedName) throws SQLException {
        String[] parts = qualifiedName.split("\\.", -1);
        String table = parts[parts.length - 1];
        String schema = parts.length >= 2 ? parts[parts.length - 2] : null;
        String catalog = parts.length >= 3 ? parts[parts.length - 3] : null;
        Map<Short, String> bySequence = new TreeMap<>();
        try (ResultSet keys = metadata.getPrimaryKeys(catalog, schema, table)) {
            while (keys.next()) {
                bySequence.put(keys.getShort("KEY_SEQ"), keys.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(bySequence.values());
    }
}
