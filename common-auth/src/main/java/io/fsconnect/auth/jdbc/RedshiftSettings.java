package io.fsconnect.auth.jdbc;

import io.fsconnect.auth.RedshiftAuth;
import io.fsconnect.auth.RedshiftDataSource;

import java.util.Properties;

/**
 * Maps a Redshift data source to redshift-jdbc42's settings: the URL {@code jdbc:redshift://<host>:<port>/<db>}
 * and the properties {@code user} and {@code password} (the data source's own, or temporary ones from IAM), plus the
 * data source's options as further driver properties.
 */
final class RedshiftSettings {

    private RedshiftSettings() {
    }

    static JdbcConnectionSettings withPassword(RedshiftDataSource source) {
        RedshiftAuth.Password password = (RedshiftAuth.Password) source.auth();
        return with(source, password.user(), password.password().reveal());
    }

    static JdbcConnectionSettings with(RedshiftDataSource source, String user, String password) {
        Properties properties = new Properties();
        properties.putAll(source.options().asMap());
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return new JdbcConnectionSettings(source.jdbcUrl(), properties);
    }
}
