package io.fsconnect.source.jdbc;

import org.apache.kafka.connect.data.Schema;

/**
 * One column of a query result as it appears in records: its label, 1-based position in the result,
 * the Connect schema of its values, the database's type name (for messages) and how to read it.
 */
public record Column(String name, int position, Schema schema, String databaseType, ColumnReader reader) {
}
