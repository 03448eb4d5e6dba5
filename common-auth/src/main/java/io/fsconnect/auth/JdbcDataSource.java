package io.fsconnect.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A database reached by a JDBC URL. A password found in the URL or the driver options is moved into {@link #auth()},
 * so {@link #url()} and {@link #options()} (the driver properties) never hold it.
 */
public record JdbcDataSource(String name, Optional<String> description, String url, Optional<String> driver,
                             JdbcAuth auth, Options options) implements DataSource {

    public JdbcDataSource {
        DataSource.requireValidName(name);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(options, "options");
    }

    @Override
    public DataSourceType type() {
        return DataSourceType.JDBC;
    }

    /**
     * The properties to open a connection with: the driver options plus {@code user} and {@code password}. The result
     * holds the password in clear text; pass it straight to the driver and never log it.
     */
    public Properties connectionProperties() {
        Properties properties = new Properties();
        properties.putAll(options.asMap());
        if (auth instanceof JdbcAuth.UserPassword credentials) {
            properties.setProperty("user", credentials.user());
            credentials.password().ifPresent(p -> properties.setProperty("password", p.reveal()));
        }
        return properties;
    }
}
