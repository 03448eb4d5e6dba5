package io.fsconnect.source.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** A SQLite database in a file of a test's temporary directory, and connector configs pointing at it. */
final class SqliteDatabase {

    private final String url;

    SqliteDatabase(Path directory) {
        this.url = "jdbc:sqlite:" + directory.resolve("source.db");
    }

    String url() {
        return url;
    }

    void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run test SQL: " + e.getMessage(), e);
        }
    }

    /** A config reading {@code table} in bulk mode into topic "features"; callers add or replace keys. */
    Map<String, String> tableConfig(String table) {
        Map<String, String> config = new HashMap<>();
        config.put(JdbcSourceConfig.CONNECTION_URL, url);
        config.put(JdbcSourceConfig.TABLE_NAME, table);
        config.put(JdbcSourceConfig.TOPIC, "features");
        return config;
    }

    /** A config reading {@code query} in bulk mode into topic "features"; callers add or replace keys. */
    Map<String, String> queryConfig(String query) {
        Map<String, String> config = new HashMap<>();
        config.put(JdbcSourceConfig.CONNECTION_URL, url);
        config.put(JdbcSourceConfig.QUERY, query);
        config.put(JdbcSourceConfig.TOPIC, "features");
        return config;
    }
}
