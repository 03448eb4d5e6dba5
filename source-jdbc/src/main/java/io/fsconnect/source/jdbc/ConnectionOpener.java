package io.fsconnect.source.jdbc;

import io.fsconnect.auth.jdbc.JdbcConnectionSettings;
import io.fsconnect.auth.jdbc.JdbcCredentials;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Opens JDBC connections with the URL and driver properties of {@link JdbcCredentials}: those of a
 * data source ({@code jdbc}, {@code snowflake} with key pair, OAuth or password, {@code redshift} with
 * password or IAM temporary credentials, asked for again before they expire), or those of
 * {@code connection.url}, {@code connection.user} and {@code connection.password}. The driver is
 * looked up among those shipped with this plugin first (through the plugin's own class loader, which
 * {@link DriverManager} does not see under Connect's plugin isolation), then among those known to
 * {@link DriverManager}. Credentials are handed to the driver only; {@link #redact} strips them from a
 * URL before it is shown. {@link #close()} releases what the credentials hold (AWS clients, role sessions).
 */
public final class ConnectionOpener implements AutoCloseable {

    private static final Pattern URL_USER_INFO = Pattern.compile("//[^/@?;]*@");

    private final JdbcCredentials credentials;

    /** An opener for {@code url} with an optional user and password. */
    public ConnectionOpener(String url, Optional<String> user, Optional<Password> password) {
        this(JdbcCredentials.fixed(settings(url, user, password)));
    }

    /** An opener that asks {@code credentials} for the settings of each new connection. */
    public ConnectionOpener(JdbcCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * The opener for a connector's configuration: its data source when it has one, else its
     * {@code connection.*} keys. The caller closes it when done.
     */
    public static ConnectionOpener forConfig(JdbcSourceConfig config) {
        return config.dataSource()
            .map(source -> new ConnectionOpener(JdbcCredentials.forDataSource(source)))
            .orElseGet(() -> new ConnectionOpener(config.connectionUrl(), config.user(), config.password()));
    }

    /** A new connection; the caller closes it. */
    public Connection open() throws SQLException {
        JdbcConnectionSettings settings = credentials.settings();
        String url = settings.url();
        Connection connection = driver(url).connect(url, settings.properties());
        if (connection == null) {
            throw new ConnectException("Cannot connect to " + redact(url) + ": the JDBC driver declined the URL; "
                + "check " + JdbcSourceConfig.CONNECTION_URL + " or the data source");
        }
        return connection;
    }

    @Override
    public void close() {
        credentials.close();
    }

    private static JdbcConnectionSettings settings(String url, Optional<String> user, Optional<Password> password) {
        Properties properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p.value()));
        return new JdbcConnectionSettings(url, properties);
    }

    private static Driver driver(String url) {
        for (Driver driver : ServiceLoader.load(Driver.class, ConnectionOpener.class.getClassLoader())) {
            if (accepts(driver, url)) {
                return driver;
            }
        }
        try {
            return DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new ConnectException("Cannot connect to " + redact(url) + ": no JDBC driver accepts this URL. "
                + "The plugin includes the PostgreSQL, MariaDB, SQLite, Snowflake and Redshift drivers; add the "
                + "driver jar of other databases to the plugin's directory, or correct "
                + JdbcSourceConfig.CONNECTION_URL);
        }
    }

    private static boolean accepts(Driver driver, String url) {
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
