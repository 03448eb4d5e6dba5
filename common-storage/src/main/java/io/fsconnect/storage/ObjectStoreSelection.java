package io.fsconnect.storage;

import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.LocalDataSource;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.check.ConnectionCheck;
import io.fsconnect.auth.check.Problem;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.auth.config.DataSourceReference;
import io.fsconnect.auth.config.DataSourceValidation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * How a connector's configuration chooses its object store, shared by every connector that reads or writes one. The
 * store is a data source: the one-line {@code datasource=${datasource:<name>}} reference or inline
 * {@code datasource.*} keys, of type {@code local}, {@code s3}, {@code adls} (generation 2) or {@code gcs}. Problems
 * are reported by the key as the user wrote it, so {@code validate()} can show each on its key. Also defines the keys
 * every such connector has alike: the retry policy of store requests and the optional connection check.
 */
public final class ObjectStoreSelection {

    public static final String DATASOURCE = DataSourceReference.DATASOURCE;
    public static final String DATASOURCE_PREFIX = DataSourceReference.PREFIX;

    public static final String STORE_RETRY_MAX_ATTEMPTS = "store.retry.max.attempts";
    private static final String STORE_RETRY_MAX_ATTEMPTS_DOC = "How many times a store request is tried before the"
            + " failure counts: transient failures (throttling, timeouts, server errors, lost connections) are retried"
            + " with exponential backoff.";
    private static final int STORE_RETRY_MAX_ATTEMPTS_DEFAULT = 3;

    public static final String STORE_RETRY_BACKOFF_MS = "store.retry.backoff.ms";
    private static final String STORE_RETRY_BACKOFF_MS_DOC = "The wait before the first retry of a failed store"
            + " request; it doubles with each further attempt (with jitter, up to 20 s).";
    private static final long STORE_RETRY_BACKOFF_MS_DEFAULT = 200L;

    public static final String VALIDATE_CONNECTION = "validate.connection";
    private static final String VALIDATE_CONNECTION_DOC = "Whether validation also proves that the data source's"
            + " credentials work and its bucket or container is reachable (credentials obtained, a role assumed, then S3"
            + " HeadBucket or the Azure container's existence; GCS: the key is loaded), showing what fails on the key"
            + " to fix. Off, validation only checks the configuration, so a connector can be created while its store"
            + " is unreachable from the worker.";
    private static final boolean VALIDATE_CONNECTION_DEFAULT = false;

    private static final List<Class<? extends DataSource>> OBJECT_STORE_KINDS = List.of(LocalDataSource.class,
            S3DataSource.class, AdlsDataSource.class, GcsDataSource.class);

    private ObjectStoreSelection() {
    }

    /** Adds the {@code datasource} key. */
    public static ConfigDef defineDataSource(ConfigDef def, String group, int order) {
        return DataSourceReference.define(def, group, order);
    }

    /**
     * Adds {@code store.retry.max.attempts} and {@code store.retry.backoff.ms} at {@code order} and the next, the
     * attempts' doc ending with {@code whenExhausted}: what the connector does when they run out.
     */
    public static ConfigDef defineRetries(ConfigDef def, String group, int order, String whenExhausted) {
        return def
                .define(STORE_RETRY_MAX_ATTEMPTS, ConfigDef.Type.INT, STORE_RETRY_MAX_ATTEMPTS_DEFAULT,
                        ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW,
                        STORE_RETRY_MAX_ATTEMPTS_DOC + " " + whenExhausted, group, order, ConfigDef.Width.SHORT,
                        "Store request attempts")
                .define(STORE_RETRY_BACKOFF_MS, ConfigDef.Type.LONG, STORE_RETRY_BACKOFF_MS_DEFAULT,
                        ConfigDef.Range.atLeast(0), ConfigDef.Importance.LOW, STORE_RETRY_BACKOFF_MS_DOC, group,
                        order + 1, ConfigDef.Width.SHORT, "Store retry backoff (ms)");
    }

    /** Adds {@code validate.connection}. */
    public static ConfigDef defineValidateConnection(ConfigDef def, String group, int order) {
        return def.define(VALIDATE_CONNECTION, ConfigDef.Type.BOOLEAN, VALIDATE_CONNECTION_DEFAULT,
                ConfigDef.Importance.MEDIUM, VALIDATE_CONNECTION_DOC, group, order, ConfigDef.Width.SHORT,
                "Check the connection on validation");
    }

    /**
     * The problems of the data source, by the key as the user wrote it ({@code datasource} or a
     * {@code datasource.*} key); empty when it is a usable object store. {@code use} completes "Cannot ... data
     * source", e.g. {@code "write files to"}.
     */
    public static Map<String, List<String>> problems(Map<String, String> props, String use) {
        DataSourceValidation validation = DataSourceParser.validate(props, DATASOURCE_PREFIX);
        if (!validation.isValid()) {
            return validation.errors();
        }
        DataSource source = validation.dataSource().orElseThrow();
        if (OBJECT_STORE_KINDS.stream().noneMatch(kind -> kind.isInstance(source))) {
            String key = props.containsKey(DATASOURCE) ? DATASOURCE : DATASOURCE_PREFIX + "type";
            return Map.of(key, List.of("Cannot " + use + " data source " + source.name() + ": it is of type "
                    + source.type() + "; use a data source of type local, s3, adls or gcs"));
        }
        if (source instanceof AdlsDataSource adls && adls.generation() != 2) {
            return Map.of(DATASOURCE_PREFIX + "generation", List.of("Cannot " + use + " ADLS data source "
                    + source.name() + ": only generation 2 accounts (with a container) are supported"));
        }
        return new LinkedHashMap<>();
    }

    /**
     * The data source the keys describe.
     *
     * @throws ConfigException listing every problem, by key, if it is not a usable object store
     */
    public static DataSource dataSource(Map<String, String> props, String use) {
        Map<String, List<String>> problems = problems(props, use);
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("Cannot use the configured data source as an object store:");
            problems.forEach((key, messages) -> messages.forEach(m -> message.append(' ').append(key).append(": ")
                    .append(m).append(';')));
            throw new ConfigException(message.substring(0, message.length() - 1));
        }
        return DataSourceParser.parse(props, DATASOURCE_PREFIX);
    }

    /**
     * What goes wrong when the data source is used for real, by the key as the user wrote it: the one-line
     * {@code datasource} reference, or the inline {@code datasource.*} key at fault.
     */
    public static Map<String, List<String>> connectionProblems(Map<String, String> props, String use) {
        DataSource source = dataSource(props, use);
        boolean referenced = props.containsKey(DATASOURCE);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Problem problem : ConnectionCheck.defaults().check(source)) {
            String key = referenced ? DATASOURCE : DATASOURCE_PREFIX + problem.key();
            String message = referenced ? problem.key() + ": " + problem.message() : problem.message();
            problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
        }
        return problems;
    }

    /** The retry attempts configured by {@link #defineRetries}. */
    public static int retryAttempts(AbstractConfig config) {
        return config.getInt(STORE_RETRY_MAX_ATTEMPTS);
    }

    /** The first retry's backoff configured by {@link #defineRetries}. */
    public static Duration retryBackoff(AbstractConfig config) {
        return Duration.ofMillis(config.getLong(STORE_RETRY_BACKOFF_MS));
    }

    /**
     * A stable name of the place a data source's objects live, e.g. {@code s3://bucket/path},
     * {@code adls://account/container/path}, {@code gcs://bucket/path} or {@code local:/abs/path}: the same for the
     * same bucket and path whatever the data source is called or how it authenticates, different for different
     * places. A custom endpoint is part of the place ({@code ?endpoint=<uri>}), since the same bucket name on two
     * S3-compatible stores names two stores.
     *
     * @throws IllegalArgumentException if the data source is not an object store
     */
    public static String storeId(DataSource source) {
        if (source instanceof LocalDataSource local) {
            return "local:" + local.path().toAbsolutePath().normalize();
        }
        if (source instanceof S3DataSource s3) {
            return "s3://" + s3.bucket() + directory(s3.path()) + endpoint(s3.endpoint().map(Object::toString));
        }
        if (source instanceof AdlsDataSource adls) {
            return "adls://" + adls.accountName() + "/" + adls.container().orElse("") + directory(adls.path())
                    + endpoint(adls.endpoint().map(Object::toString));
        }
        if (source instanceof GcsDataSource gcs) {
            return "gcs://" + gcs.bucket() + directory(gcs.path()) + endpoint(gcs.endpoint().map(Object::toString));
        }
        throw new IllegalArgumentException("Cannot name data source " + source.name() + " as an object store: it is"
                + " of type " + source.type() + "; use a data source of type local, s3, adls or gcs");
    }

    /** {@code /a/b} for a path {@code a/b}, {@code /a/b/} or {@code /a//b}; empty for no path. */
    private static String directory(Optional<String> path) {
        StringBuilder normalized = new StringBuilder();
        for (String segment : path.orElse("").split("/")) {
            if (!segment.isEmpty()) {
                normalized.append('/').append(segment);
            }
        }
        return normalized.toString();
    }

    private static String endpoint(Optional<String> endpoint) {
        return endpoint.map(uri -> "?endpoint=" + (uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri))
                .orElse("");
    }
}
