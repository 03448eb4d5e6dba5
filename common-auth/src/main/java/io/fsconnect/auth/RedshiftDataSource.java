package io.fsconnect.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * A Redshift cluster: the host is {@code <clusterIdentifier>.<endpoint>}, e.g. {@code analytics} +
 * {@code abc123.eu-west-1.redshift.amazonaws.com}, with a database, port, driver, optional table and one
 * authentication mode. {@link #options()} are extra driver properties.
 */
public record RedshiftDataSource(String name, Optional<String> description, String clusterIdentifier,
                                 String endpoint, int port, String database, Optional<String> region,
                                 Optional<String> table, String driver, RedshiftAuth auth, Options options)
        implements DataSource {

    /** The driver class used unless configured otherwise. */
    public static final String DEFAULT_DRIVER = "com.amazon.redshift.jdbc42.Driver";
    /** Redshift's port unless configured otherwise. */
    public static final int DEFAULT_PORT = 5439;

    public RedshiftDataSource {
        DataSource.requireValidName(name);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(clusterIdentifier, "clusterIdentifier");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(options, "options");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("Cannot create Redshift data source " + name + ": port " + port
                    + " is not between 1 and 65535");
        }
    }

    @Override
    public DataSourceType type() {
        return DataSourceType.REDSHIFT;
    }

    /** The cluster's host name. */
    public String host() {
        return clusterIdentifier + "." + endpoint;
    }

    /** The JDBC URL of the database, without credentials. */
    public String jdbcUrl() {
        return "jdbc:redshift://" + host() + ":" + port + "/" + database;
    }
}
