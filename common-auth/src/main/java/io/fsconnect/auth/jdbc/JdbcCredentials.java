package io.fsconnect.auth.jdbc;

import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.JdbcDataSource;
import io.fsconnect.auth.RedshiftAuth;
import io.fsconnect.auth.RedshiftDataSource;
import io.fsconnect.auth.SnowflakeDataSource;

/**
 * The sign-in of a JDBC-kind data source ({@code jdbc}, {@code snowflake}, {@code redshift}), turned into what a
 * driver needs: {@link #settings()} is called for every new connection and returns the URL and driver properties to
 * open it with. Fixed credentials (passwords, tokens, a Snowflake private key, parsed once when the credentials are
 * created) return the same settings each time; Redshift IAM credentials return a temporary database user and
 * password from GetClusterCredentials, requested again shortly before they expire, so connections opened later never
 * get an expired password (connections already open are unaffected: Redshift checks the password at sign-in only).
 * Thread-safe; {@link #close()} releases AWS clients and role sessions. {@link #toString()} never shows a secret.
 */
public interface JdbcCredentials extends AutoCloseable {

    /** The URL and driver properties for a new connection; the properties hold secrets, never log them. */
    JdbcConnectionSettings settings();

    /** Releases what the credentials hold; idempotent. */
    @Override
    void close();

    /**
     * The credentials of a {@code jdbc}, {@code snowflake} or {@code redshift} data source. A Snowflake private key is
     * read and decrypted here, so a wrong key or passphrase fails now.
     *
     * @throws IllegalArgumentException if the data source is of another kind, or its private key cannot be read (the
     *     message names the key, never its value or passphrase)
     */
    static JdbcCredentials forDataSource(DataSource source) {
        requireJdbcKind(source);
        if (source instanceof JdbcDataSource jdbc) {
            return new FixedJdbcCredentials(new JdbcConnectionSettings(jdbc.url(), jdbc.connectionProperties()));
        }
        if (source instanceof SnowflakeDataSource snowflake) {
            return new FixedJdbcCredentials(SnowflakeSettings.of(snowflake));
        }
        if (source instanceof RedshiftDataSource redshift) {
            if (redshift.auth() instanceof RedshiftAuth.IamRole) {
                return RedshiftIamCredentials.open(redshift);
            }
            return new FixedJdbcCredentials(RedshiftSettings.withPassword(redshift));
        }
        throw new IllegalStateException("unreachable: " + source.type());
    }

    /** Credentials that never change, e.g. a URL with a user and password from a connector's own keys. */
    static JdbcCredentials fixed(JdbcConnectionSettings settings) {
        return new FixedJdbcCredentials(settings);
    }

    /**
     * The JDBC URL a data source's connections use, without reading keys or asking for credentials; it never holds a
     * secret.
     *
     * @throws IllegalArgumentException if the data source is not of a JDBC kind
     */
    static String url(DataSource source) {
        requireJdbcKind(source);
        if (source instanceof JdbcDataSource jdbc) {
            return jdbc.url();
        }
        if (source instanceof SnowflakeDataSource snowflake) {
            return SnowflakeSettings.url(snowflake);
        }
        return ((RedshiftDataSource) source).jdbcUrl();
    }

    /** Whether connections to this kind of data source can be opened with JDBC. */
    static boolean isJdbcKind(DataSource source) {
        return source instanceof JdbcDataSource || source instanceof SnowflakeDataSource
                || source instanceof RedshiftDataSource;
    }

    private static void requireJdbcKind(DataSource source) {
        if (!isJdbcKind(source)) {
            throw new IllegalArgumentException("Cannot connect to data source '" + source.name() + "' with JDBC: it "
                    + "is of type " + source.type().id() + "; use a jdbc, snowflake or redshift data source");
        }
    }
}
