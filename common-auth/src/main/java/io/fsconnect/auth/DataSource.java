package io.fsconnect.auth;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named, typed description of how to reach one store: a database, a warehouse, an object store, a file system or a
 * Kafka cluster. Each kind is an immutable record with the fields of that kind and exactly one authentication mode,
 * chosen from a sealed set so that contradictory settings (keys and a role, a password and a token) cannot be
 * expressed. Records validate their invariants on construction; secrets are {@link Secret}s, so no data source's
 * {@code toString()} reveals one.
 */
public sealed interface DataSource permits JdbcDataSource, SnowflakeDataSource, RedshiftDataSource,
        BigQueryDataSource, S3DataSource, AdlsDataSource, GcsDataSource, HdfsDataSource, LocalDataSource,
        KafkaDataSource {

    /** What a data-source name may look like: it becomes a file name and part of config placeholders. */
    Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,99}");

    /** The unique, immutable name operators and connectors refer to the data source by. */
    String name();

    /** A free-text description for people. */
    Optional<String> description();

    /** The kind of data source. */
    DataSourceType type();

    /** Extra options passed through to the client of the store. */
    Options options();

    /** Checks a data-source name against {@link #NAME_PATTERN}; used by every record's constructor. */
    static String requireValidName(String name) {
        if (name == null || !NAME_PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException("Cannot create data source: name must match " + NAME_PATTERN.pattern());
        }
        return name;
    }
}
