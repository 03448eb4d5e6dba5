package io.fsconnect.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of data source, each with its own record type and authentication modes. The {@link #id()} is the value of
 * the {@code type} key that selects the kind in a data-source definition.
 */
public enum DataSourceType {
    JDBC,
    SNOWFLAKE,
    REDSHIFT,
    BIGQUERY,
    S3,
    ADLS,
    GCS,
    HOPSFS,
    HDFS,
    LOCAL,
    KAFKA;

    /** The value of the {@code type} key, e.g. {@code s3}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind whose {@link #id()} is {@code id}, ignoring case. */
    public static Optional<DataSourceType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id().equalsIgnoreCase(id.trim())).findFirst();
    }
}
