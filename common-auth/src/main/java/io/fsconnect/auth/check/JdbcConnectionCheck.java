package io.fsconnect.auth.check;

import io.fsconnect.auth.JdbcAuth;
import io.fsconnect.auth.JdbcDataSource;
import io.fsconnect.auth.Secret;
import io.fsconnect.auth.config.JdbcConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Opens one connection to a JDBC data source and asks the driver whether it is valid. SQLState class {@code 28}
 * (invalid authorization) is reported on the password (or the user, when there is no password); everything else
 * on the URL. Driver messages are quoted with the password scrubbed out.
 */
final class JdbcConnectionCheck {

    private JdbcConnectionCheck() {
    }

    static List<Problem> check(JdbcDataSource source, Duration timeout) {
        Optional<String> user = Optional.empty();
        Optional<Secret> password = Optional.empty();
        if (source.auth() instanceof JdbcAuth.UserPassword credentials) {
            user = Optional.of(credentials.user());
            password = credentials.password();
        }
        List<Secret> secrets = password.map(List::of).orElse(List.of());
        if (source.driver().isPresent()) {
            try {
                Class.forName(source.driver().get(), true, JdbcConnectionCheck.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return List.of(new Problem(JdbcConfig.DRIVER, "Cannot load JDBC driver " + source.driver().get()
                        + " of data source " + source.name() + ": it is not on the plugin's class path. Add the"
                        + " driver's jar to the plugin directory, or fix " + JdbcConfig.DRIVER + "."));
            }
        }
        String who = user.map(u -> " as user " + u).orElse("");
        try (Connection connection = DriverManager.getConnection(source.url(), source.connectionProperties())) {
            if (!connection.isValid(Math.max(1, (int) timeout.toSeconds()))) {
                return List.of(new Problem(JdbcConfig.CONNECTION_URL, "Cannot use a connection to " + source.url()
                        + who + ": the driver reports it invalid within " + timeout.toSeconds() + " s. Check that"
                        + " the database is up and reachable from the workers."));
            }
            return List.of();
        } catch (SQLException e) {
            String state = Optional.ofNullable(e.getSQLState()).orElse("");
            String reason = e.getMessage() + (state.isEmpty() ? "" : " (SQLState " + state + ")");
            if (state.startsWith("28")) {
                String key = password.isPresent() ? JdbcConfig.CONNECTION_PASSWORD : JdbcConfig.CONNECTION_USER;
                return List.of(Problem.scrubbed(key, "Cannot sign in to " + source.url() + who + ": " + reason
                        + ". Check " + JdbcConfig.CONNECTION_USER + " and " + JdbcConfig.CONNECTION_PASSWORD + ".",
                        secrets));
            }
            return List.of(Problem.scrubbed(JdbcConfig.CONNECTION_URL, "Cannot connect to " + source.url() + who
                    + ": " + reason + ". Check " + JdbcConfig.CONNECTION_URL + " and that the database is reachable"
                    + " from the workers.", secrets));
        }
    }
}
