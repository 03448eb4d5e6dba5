package io.fsconnect.source.jdbc;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * The one place that decides whether a database failure is retried or fails the task. Connection
 * failures (SQLState class 08), transaction rollbacks (40, e.g. deadlock) and driver-declared
 * transient failures are retriable; rejected credentials (28) and everything else are fatal, with a
 * message that says what to check. Messages never contain the password.
 */
public final class SqlErrorHandler {

    private SqlErrorHandler() {
    }

    /** The exception to throw for {@code error}, raised while trying to {@code action}. */
    public static ConnectException handle(String action, SQLException error) {
        String state = Optional.ofNullable(error.getSQLState()).orElse("");
        String detail = error.getMessage() + " (SQLState " + (state.isEmpty() ? "none" : state) + ", error code "
            + error.getErrorCode() + ")";
        if (state.startsWith("28") || error instanceof SQLInvalidAuthorizationSpecException) {
            return new ConnectException("Cannot " + action + ": the database rejected the credentials: " + detail
                + "; check " + JdbcSourceConfig.CONNECTION_USER + " and " + JdbcSourceConfig.CONNECTION_PASSWORD, error);
        }
        if (error instanceof SQLTimeoutException || state.equals("57014")) {
            return new ConnectException("Cannot " + action + ": the query was cancelled, usually because it ran "
                + "longer than " + JdbcSourceConfig.QUERY_TIMEOUT_MS + ": " + detail + "; raise "
                + JdbcSourceConfig.QUERY_TIMEOUT_MS + " or make the query faster", error);
        }
        if (state.startsWith("08") || state.startsWith("40") || error instanceof SQLTransientException
            || error instanceof SQLRecoverableException) {
            return new RetriableException("Cannot " + action + ": " + detail + "; will retry", error);
        }
        return new ConnectException("Cannot " + action + ": " + detail, error);
    }
}
