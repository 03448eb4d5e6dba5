package io.fsconnect.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MariaDbServerIT {

    @Test
    void servesATableOverPasswordAuthenticatedJdbcInUtcAndLeavesNothingBehind() throws SQLException {
        Path directory;
        try (MariaDbServer server = MariaDbServer.start()) {
            directory = server.directory();
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:" + server.port() + "/" + server.database());
            server.execute("CREATE TABLE features (id INT PRIMARY KEY, name TEXT NOT NULL)",
                    "INSERT INTO features VALUES (1, 'alpha'), (2, 'beta')");
            try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                List<String> names = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT name FROM features ORDER BY id")) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                assertThat(names).containsExactly("alpha", "beta");
                try (ResultSet row = statement.executeQuery("SELECT CURRENT_USER(), DATABASE(), @@session.time_zone")) {
                    row.next();
                    assertThat(row.getString(1)).startsWith(server.user() + "@");
                    assertThat(row.getString(2)).isEqualTo(server.database());
                    assertThat(row.getString(3)).isEqualTo("+00:00");
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
        try (MariaDbServer server = MariaDbServer.start()) {
            assertThatThrownBy(() -> server.execute("SELECT 1", "SELECT * FROM no_such_table"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Cannot execute SQL statement 2 of 2 (SELECT * FROM no_such_table)")
                    .hasMessageContaining("no_such_table");
        }
    }
}
