package io.fsconnect.source.jdbc;

import io.fsconnect.testkit.MariaDbServer;
import io.fsconnect.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** One of the databases the integration tests run against, with what differs in their SQL. */
interface TestDatabase {

    String name();

    Connection connect() throws SQLException;

    void execute(String... sql);

    /** Connector keys that reach this database. */
    Map<String, String> connectionConfig();

    /** A column type holding a timestamp with microseconds. */
    String timestampType();

    /** A column type for an auto-generated 64-bit key, with its PRIMARY KEY clause. */
    String serialKey();

    /** The expression for the current time inside the transaction or statement. */
    String now();

    static TestDatabase postgres(PostgresServer server) {
        return new TestDatabase() {
            @Override public String name() {
                return "postgresql";
            }

            @Override public Connection connect() throws SQLException {
                return server.connect();
            }

            @Override public void execute(String... sql) {
                server.execute(sql);
            }

            @Override public Map<String, String> connectionConfig() {
                return credentials(server.jdbcUrl(), server.user(), server.password());
            }

            @Override public String timestampType() {
                return "TIMESTAMP";
            }

            @Override public String serialKey() {
                return "BIGSERIAL PRIMARY KEY";
            }

            @Override public String now() {
                return "now()";
            }
        };
    }

    static TestDatabase mariaDb(MariaDbServer server) {
        return new TestDatabase() {
            @Override public String name() {
                return "mariadb";
            }

            @Override public Connection connect() throws SQLException {
                return server.connect();
            }

            @Override public void execute(String... sql) {
                server.execute(sql);
            }

            @Override public Map<String, String> connectionConfig() {
                return credentials(server.jdbcUrl(), server.user(), server.password());
            }

            @Override public String timestampType() {
                return "DATETIME(6)";
            }

            @Override public String serialKey() {
                return "BIGINT AUTO_INCREMENT PRIMARY KEY";
            }

            @Override public String now() {
                return "NOW(6)";
            }
        };
    }

    static TestDatabase sqlite(Path file) {
        String url = "jdbc:sqlite:" + file;
        return new TestDatabase() {
            @Override public String name() {
                return "sqlite";
            }

            @Override public Connection connect() throws SQLException {
                return DriverManager.getConnection(url);
            }

            @Override public void execute(String... sql) {
                try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                    for (String each : sql) {
                        statement.execute(each);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot run test SQL on SQLite: " + e.getMessage(), e);
                }
            }

            @Override public Map<String, String> connectionConfig() {
                Map<String, String> config = new HashMap<>();
                config.put("connection.url", url);
                return config;
            }

            @Override public String timestampType() {
                return "TIMESTAMP";
            }

            @Override public String serialKey() {
                return "INTEGER PRIMARY KEY AUTOINCREMENT";
            }

            @Override public String now() {
                return "strftime('%Y-%m-%d %H:%M:%f', 'now')";
            }
        };
    }

    private static Map<String, String> credentials(String url, String user, String password) {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", url);
        config.put("connection.user", user);
        config.put("connection.password", password);
        return config;
    }
}
