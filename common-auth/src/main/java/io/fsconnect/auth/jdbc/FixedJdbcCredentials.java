package io.fsconnect.auth.jdbc;

import java.util.Objects;

/** Credentials that do not change: the same settings for every connection. */
final class FixedJdbcCredentials implements JdbcCredentials {

    private final JdbcConnectionSettings settings;

    FixedJdbcCredentials(JdbcConnectionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public JdbcConnectionSettings settings() {
        return settings;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "JdbcCredentials(" + settings + ")";
    }
}
