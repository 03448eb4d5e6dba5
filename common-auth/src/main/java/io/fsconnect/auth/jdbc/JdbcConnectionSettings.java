package io.fsconnect.auth.jdbc;

import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What a JDBC driver needs to open one connection: the URL, which never holds a secret, and the driver properties,
 * which hold the credentials (a password, a token, or a {@link java.security.PrivateKey} object for Snowflake key-pair
 * sign-in). {@link #properties()} returns a fresh copy each time, to be handed straight to
 * {@link java.sql.Driver#connect}; {@link #toString()} shows the URL and the property names only.
 */
public record JdbcConnectionSettings(String url, Properties properties) {

    public JdbcConnectionSettings {
        Objects.requireNonNull(url, "url");
        properties = copy(Objects.requireNonNull(properties, "properties"));
    }

    /** A copy of the driver properties; values may be secrets, never log them. */
    @Override
    public Properties properties() {
        return copy(properties);
    }

    @Override
    public String toString() {
        TreeSet<String> names = new TreeSet<>();
        properties.keySet().forEach(name -> names.add(String.valueOf(name)));
        return "JdbcConnectionSettings[url=" + url + ", properties=" + names + "]";
    }

    private static Properties copy(Properties source) {
        Properties copy = new Properties();
        copy.putAll(source);
        return copy;
    }
}
