package io.fsconnect.sink;

import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.check.ConnectionCheck;
import io.fsconnect.auth.check.Problem;
import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.LocalDataSource;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.auth.config.DataSourceReference;
import io.fsconnect.auth.config.DataSourceValidation;
import io.fsconnect.storage.ObjectStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys that choose the object store and tune how bytes reach it. The store is a data source: the one-line
 * {@code datasource=${datasource:<name>}} reference or inline {@code datasource.*} keys, of type {@code local},
 * {@code s3}, {@code adls} or {@code gcs}. Upload sizes and retries belong to the connector, not the data source.
 */
final class StoreConfig {

    static final String GROUP = "Store";

    static final String DATASOURCE_PREFIX = DataSourceReference.PREFIX;

    static final String S3_PART_SIZE_BYTES = "s3.part.size.bytes";
    static final String S3_PART_SIZE_BYTES_DOC = "The size of each part of an S3 multipart upload. Each open file"
            + " buffers up to one part in memory; S3 requires at least 5 MiB.";
    static final int S3_PART_SIZE_BYTES_DEFAULT = 8 * 1024 * 1024;
    static final int S3_MIN_PART_SIZE_BYTES = 5 * 1024 * 1024;

    static final String AZURE_BLOCK_SIZE_BYTES = "azure.block.size.bytes";
    static final String AZURE_BLOCK_SIZE_BYTES_DOC = "The size of each block staged for an Azure Blob Storage or"
            + " ADLS Gen2 upload. Each open file buffers up to one block in memory.";
    static final int AZURE_BLOCK_SIZE_BYTES_DEFAULT = 8 * 1024 * 1024;

    static final String GCS_CHUNK_SIZE_BYTES = "gcs.chunk.size.bytes";
    static final String GCS_CHUNK_SIZE_BYTES_DOC = "The size of each chunk of a GCS resumable upload, a multiple of"
            + " 256 KiB. Each open file buffers up to one chunk in memory.";
    static final int GCS_CHUNK_SIZE_BYTES_DEFAULT = 8 * 1024 * 1024;
    static final int GCS_CHUNK_GRANULARITY = 256 * 1024;

    static final String STORE_RETRY_MAX_ATTEMPTS = "store.retry.max.attempts";
    static final String STORE_RETRY_MAX_ATTEMPTS_DOC = "How many times a store request is tried before the failure"
            + " counts: transient failures (throttling, timeouts, server errors, lost connections) are retried with"
            + " exponential backoff. When the attempts run out in the middle of a file, the file is discarded and the"
            + " task asks the worker to deliver its records again, after store.retry.backoff.ms; errors that no retry"
            + " can fix (access denied, no such bucket) fail the task.";
    static final int STORE_RETRY_MAX_ATTEMPTS_DEFAULT = 3;

    static final String STORE_RETRY_BACKOFF_MS = "store.retry.backoff.ms";
    static final String STORE_RETRY_BACKOFF_MS_DOC = "The wait before the first retry of a failed store request;"
            + " it doubles with each further attempt (with jitter, up to 20 s).";
    static final long STORE_RETRY_BACKOFF_MS_DEFAULT = 200L;

    static final String VALIDATE_CONNECTION = "validate.connection";
    static final String VALIDATE_CONNECTION_DOC = "Whether validation also proves that the data source's credentials"
            + " work and its bucket or container is reachable (credentials obtained, a role assumed, then S3"
            + " HeadBucket or the Azure container's existence; GCS: the key is loaded), showing what fails on the key"
            + " to fix. Off, validation only checks the configuration, so a connector can be created while its store"
            + " is unreachable from the worker.";
    static final boolean VALIDATE_CONNECTION_DEFAULT = false;

    private static final List<Class<? extends DataSource>> OBJECT_STORE_KINDS = List.of(LocalDataSource.class,
            S3DataSource.class, AdlsDataSource.class, GcsDataSource.class);

    private StoreConfig() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        DataSourceReference.define(def, GROUP, ++order);
        return def
                .define(S3_PART_SIZE_BYTES, ConfigDef.Type.INT, S3_PART_SIZE_BYTES_DEFAULT,
                        ConfigDef.Range.atLeast(S3_MIN_PART_SIZE_BYTES), ConfigDef.Importance.LOW,
                        S3_PART_SIZE_BYTES_DOC, GROUP, ++order, ConfigDef.Width.SHORT, "S3 part size (bytes)")
                .define(AZURE_BLOCK_SIZE_BYTES, ConfigDef.Type.INT, AZURE_BLOCK_SIZE_BYTES_DEFAULT,
                        ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW, AZURE_BLOCK_SIZE_BYTES_DOC, GROUP,
                        ++order, ConfigDef.Width.SHORT, "Azure block size (bytes)")
                .define(GCS_CHUNK_SIZE_BYTES, ConfigDef.Type.INT, GCS_CHUNK_SIZE_BYTES_DEFAULT,
                        ConfigDef.LambdaValidator.with(StoreConfig::validateChunkSize,
                                () -> "a positive multiple of " + GCS_CHUNK_GRANULARITY),
                        ConfigDef.Importance.LOW, GCS_CHUNK_SIZE_BYTES_DOC, GROUP, ++order, ConfigDef.Width.SHORT,
                        "GCS chunk size (bytes)")
                .define(STORE_RETRY_MAX_ATTEMPTS, ConfigDef.Type.INT, STORE_RETRY_MAX_ATTEMPTS_DEFAULT,
                        ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW, STORE_RETRY_MAX_ATTEMPTS_DOC, GROUP,
                        ++order, ConfigDef.Width.SHORT, "Store request attempts")
                .define(STORE_RETRY_BACKOFF_MS, ConfigDef.Type.LONG, STORE_RETRY_BACKOFF_MS_DEFAULT,
                        ConfigDef.Range.atLeast(0), ConfigDef.Importance.LOW, STORE_RETRY_BACKOFF_MS_DOC, GROUP,
                        ++order, ConfigDef.Width.SHORT, "Store retry backoff (ms)")
                .define(VALIDATE_CONNECTION, ConfigDef.Type.BOOLEAN, VALIDATE_CONNECTION_DEFAULT,
                        ConfigDef.Importance.MEDIUM, VALIDATE_CONNECTION_DOC, GROUP, ++order, ConfigDef.Width.SHORT,
                        "Check the connection on validation");
    }

    /**
     * What goes wrong when the data source is used for real, by the key as the user wrote it: the one-line
     * {@code datasource} reference, or the inline {@code datasource.*} key at fault.
     */
    static Map<String, List<String>> connectionProblems(Map<String, String> props) {
        DataSource source = dataSource(props);
        boolean referenced = props.containsKey(DataSourceReference.DATASOURCE);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (Problem problem : ConnectionCheck.defaults().check(source)) {
            String key = referenced ? DataSourceReference.DATASOURCE : DATASOURCE_PREFIX + problem.key();
            String message = referenced ? problem.key() + ": " + problem.message() : problem.message();
            problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
        }
        return problems;
    }

    /**
     * The problems of the data source, by the key as the user wrote it ({@code datasource} or a
     * {@code datasource.*} key); empty when it is a usable object store.
     */
    static Map<String, List<String>> problems(Map<String, String> props) {
        DataSourceValidation validation = DataSourceParser.validate(props, DATASOURCE_PREFIX);
        if (!validation.isValid()) {
            return validation.errors();
        }
        DataSource source = validation.dataSource().orElseThrow();
        if (OBJECT_STORE_KINDS.stream().noneMatch(kind -> kind.isInstance(source))) {
            String key = props.containsKey(DataSourceReference.DATASOURCE) ? DataSourceReference.DATASOURCE
                    : DATASOURCE_PREFIX + "type";
            return Map.of(key, List.of("Cannot write files to data source " + source.name() + ": it is of type "
                    + source.type() + "; use a data source of type local, s3, adls or gcs"));
        }
        if (source instanceof AdlsDataSource adls && adls.generation() != 2) {
            return Map.of(DATASOURCE_PREFIX + "generation", List.of("Cannot write files to ADLS data source "
                    + source.name() + ": only generation 2 accounts (with a container) can be written to"));
        }
        return new LinkedHashMap<>();
    }

    /**
     * The data source the keys describe.
     *
     * @throws ConfigException listing every problem, by key, if it is not a usable object store
     */
    static DataSource dataSource(Map<String, String> props) {
        Map<String, List<String>> problems = problems(props);
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("Cannot use the configured data source as an object store:");
            problems.forEach((key, messages) -> messages.forEach(m -> message.append(' ').append(key).append(": ")
                    .append(m).append(';')));
            throw new ConfigException(message.substring(0, message.length() - 1));
        }
        return DataSourceParser.parse(props, DATASOURCE_PREFIX);
    }

    /** How the adapter of {@code source} moves bytes: its upload size, and the retry policy. */
    static ObjectStores.Tuning tuning(AbstractConfig config, DataSource source) {
        int uploadSize = config.getInt(source instanceof AdlsDataSource ? AZURE_BLOCK_SIZE_BYTES
                : source instanceof GcsDataSource ? GCS_CHUNK_SIZE_BYTES : S3_PART_SIZE_BYTES);
        return ObjectStores.Tuning.DEFAULTS.withPartSizeBytes(uploadSize).withRetries(retryAttempts(config),
                retryBackoff(config));
    }

    static int retryAttempts(AbstractConfig config) {
        return config.getInt(STORE_RETRY_MAX_ATTEMPTS);
    }

    static Duration retryBackoff(AbstractConfig config) {
        return Duration.ofMillis(config.getLong(STORE_RETRY_BACKOFF_MS));
    }

    private static void validateChunkSize(String name, Object value) {
        int size = (Integer) value;
        if (size < 1 || size % GCS_CHUNK_GRANULARITY != 0) {
            throw new ConfigException(name, value, "Cannot use " + size + " bytes as the GCS chunk size: it must be"
                    + " a positive multiple of " + GCS_CHUNK_GRANULARITY + " (256 KiB)");
        }
    }
}
