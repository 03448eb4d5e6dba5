package io.fsconnect.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerIT {

    @Test
    void servesATableOverPasswordAuthenticatedJdbcAndLeavesNothingBehind() throws SQLException {
        Path directory;
        try (PostgresServer server = PostgresServer.start()) {
            directory = server.directory();
            assertThat(Files.isDirectory(directory)).isTrue();
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + server.database());

            server.execute(
                    "CREATE TABLE features (id INT PRIMARY KEY, name TEXT NOT NULL, updated TIMESTAMPTZ NOT NULL)",
                    "INSERT INTO features VALUES (1, 'alpha', '2024-01-01T00:00:00Z'), (2, 'beta', '2024-01-02T00:00:00Z')");
            try (Connection connection = server.connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("INSERT INTO features VALUES (3, 'gamma', now())");
                }
                List<String> names = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT name FROM features ORDER BY id")) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                assertThat(names).containsExactly("alpha", "beta", "gamma");
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT current_user, current_database()")) {
                    row.next();
                    assertThat(row.getString(1)).isEqualTo(server.user());
                    assertThat(row.getString(2)).isEqualTo(server.database());
                }
            }

            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "wrong-password"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("28"));
            assertThat(server.toString()).doesNotContain(server.password());
        }
        assertThat(Files.exists(directory)).as("server directory after close").isFalse();
    }

    @Test
    void reportsAFailingStatementWithTheServersMessage() {
        try (PostgresServer server = PostgresServer.start()) {
            assertThatThrownBy(() -> server.execute("SELECT 1", "SELECT * FROM no_such_table"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Cannot execute SQL statement 2 of 2 (SELECT * FROM no_such_table)")
                    .hasMessageContaining("no_such_table")
                    .hasMessageContaining("42P01");
        }
    }
}
