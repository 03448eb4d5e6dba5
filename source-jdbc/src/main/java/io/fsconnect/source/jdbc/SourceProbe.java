package io.fsconnect.source.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Checks a valid-looking configuration against the database, for {@code validate()}: that it can
 * connect, that the table or query runs, that its columns map to Connect types, and that the columns
 * named in {@code incrementing.column.name}, {@code primary.key.columns} and {@code event.time.column}
 * exist with usable types. Problems are returned per config key, in readable sentences without the
 * password; no failure escapes: one to connect or sign in (a refused password, Redshift IAM temporary
 * credentials that cannot be had, an unreachable host) lands on {@code datasource} or
 * {@code connection.url}, one to run the query on {@code table.name} or {@code query}. The query is run with a filter that matches no row (or, where the dialect can only type
 * computed columns from a value, at most one row), so no data set is read.
 */
final class SourceProbe {

    private static final Duration LONGEST_PROBE = Duration.ofSeconds(30);

    private SourceProbe() {
    }

    /** Problems found, keyed by the config key they are reported on; empty when all is well. */
    static Map<String, String> problems(JdbcSourceConfig config) {
        Map<String, String> problems = new LinkedHashMap<>();
        SourceSpec source = config.source();
        String sourceKey = source instanceof SourceSpec.Table ? JdbcSourceConfig.TABLE_NAME : JdbcSourceConfig.QUERY;
        Dialect dialect = Dialect.forUrl(config.connectionUrl());
        // Where the user said how to connect: the URL, or the data source it came from.
        String connectionKey = config.dataSource().isPresent() ? JdbcDataSourceConfig.DATASOURCE : JdbcSourceConfig.CONNECTION_URL;
        Connection connection;
        try (ConnectionOpener opener = ConnectionOpener.forConfig(config)) {
            // The connection outlives the opener: closing it releases only role sessions kept for new connections.
            connection = opener.open();
        } catch (SQLException e) {
            problems.put(connectionKey, SqlErrorHandler.handle("connect to "
                + ConnectionOpener.redact(config.connectionUrl()), e).getMessage());
            return problems;
        } catch (RuntimeException e) {
            // Signing in can fail outside JDBC too: Redshift IAM temporary credentials, a driver that throws.
            problems.put(connectionKey, message(e, "connect to " + ConnectionOpener.redact(config.connectionUrl()),
                config.connectionUrl()));
            return problems;
        }
        try (connection; PreparedStatement statement = connection.prepareStatement(
            dialect.probeStatement(source.fromClause(dialect)))) {
            long timeout = config.queryTimeout().filter(t -> t.compareTo(LONGEST_PROBE) < 0).orElse(LONGEST_PROBE)
                .toSeconds();
            statement.setQueryTimeout((int) Math.max(1, timeout));
            try (ResultSet results = statement.executeQuery()) {
                RowSchema rows = new ColumnMapper(dialect, config).map(results.getMetaData(), source);
                try {
                    config.mode().create(config, Clock.systemUTC()).check(rows, source);
                } catch (UnusableColumnException e) {
                    problems.put(e.configKey(), e.getMessage());
                }
                check(problems, JdbcSourceConfig.PRIMARY_KEY_COLUMNS, () -> new RecordMapper(rows, source,
                    config.topic(), config.primaryKeyColumns(), Optional.empty()));
                check(problems, JdbcSourceConfig.EVENT_TIME_COLUMN, () -> new RecordMapper(rows, source,
                    config.topic(), List.of(), config.eventTimeColumn()));
            }
        } catch (SQLException e) {
            problems.put(sourceKey, SqlErrorHandler.handle("run " + source.describe(), e).getMessage());
        } catch (ConnectException e) {
            problems.put(sourceKey, e.getMessage());
        } catch (RuntimeException e) {
            problems.put(sourceKey, message(e, "run " + source.describe(), config.connectionUrl()));
        }
        return problems;
    }

    /**
     * "Cannot {@code action}: " and the failure's message, unless that already starts so; the URL never
     * appears with its parameters, which may hold credentials.
     */
    private static String message(RuntimeException e, String action, String url) {
        String reason = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getName())
            .replace(url, ConnectionOpener.redact(url));
        String prefix = "Cannot " + action;
        return reason.startsWith(prefix) ? reason : prefix + ": " + reason;
    }

    private static void check(Map<String, String> problems, String key, Runnable check) {
        try {
            check.run();
        } catch (ConnectException e) {
            problems.put(key, e.getMessage());
        }
    }
}
