package io.fsconnect.source.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Opens JDBC connections to {@code connection.url}. The driver is looked up among those shipped with
 * this plugin first (through the plugin's own class loader, which {@link DriverManager} does not see
 * under Connect's plugin isolation), then among those known to {@link DriverManager}. The password is
 * handed to the driver only; {@link #redact} strips credentials from a URL before it is shown.
 */
public final class ConnectionOpener {

    private static final Pattern URL_USER_INFO = Pattern.compile("//[^/@?;]*@");

    private final String url;
    private final Optional<String> user;
    private final Optional<Password> password;

    public ConnectionOpener(String url, Optional<String> user, Optional<Password> password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A new connection; the caller closes it. */
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p.value()));
        Connection connection = driver().connect(url, properties);
        if (connection == null) {
            throw new ConnectException("Cannot connect to " + redact(url) + ": the JDBC driver declined the URL; "
                + "check " + JdbcSourceConfig.CONNECTION_URL);
        }
        return connection;
    }

    private Driver driver() {
        for (Driver driver : ServiceLoader.load(Driver.class, ConnectionOpener.class.getClassLoader())) {
            if (accepts(driver)) {
                return driver;
            }
        }
        try {
            return DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new ConnectException("Cannot connect to " + redact(url) + ": no JDBC driver accepts this URL. "
                + "The plugin includes the PostgreSQL, MariaDB and SQLite drivers; add the driver jar of other "
                + "databases to the plugin's directory, or correct " + JdbcSourceConfig.CONNECTION_URL);
        }
    }

    private boolean accepts(Driver driver) {
        try {
            return driver.acceptsURL(url);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The URL without user info and parameters, which may carry credentials; safe for messages and logs. */
    public static String redact(String url) {
        String withoutUser = URL_USER_INFO.matcher(url).replaceFirst("//");
        int parameters = indexOfAny(withoutUser, '?', ';');
        return parameters < 0 ? withoutUser : withoutUser.substring(0, parameters) + "?...";
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}
