package io.fsconnect.sink;

import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.storage.ObjectStoreSelection;
import io.fsconnect.storage.ObjectStores;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys that choose the object store and tune how bytes reach it. The store is a data source: the one-line
 * {@code datasource=${datasource:<name>}} reference or inline {@code datasource.*} keys, of type {@code local},
 * {@code s3}, {@code adls} or {@code gcs}, chosen and checked by {@link ObjectStoreSelection} as in every connector of
 * the suite. Upload sizes and retries belong to the connector, not the data source.
 */
final class StoreConfig {

    static final String GROUP = "Store";

    static final String DATASOURCE_PREFIX = ObjectStoreSelection.DATASOURCE_PREFIX;

    /** Completes "Cannot ... data source" in messages about the data source. */
    private static final String USE = "write files to";

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

    static final String STORE_RETRY_MAX_ATTEMPTS = ObjectStoreSelection.STORE_RETRY_MAX_ATTEMPTS;
    private static final String STORE_RETRY_EXHAUSTED_DOC = "When the attempts run out in the middle of a file, the"
            + " file is discarded and the task asks the worker to deliver its records again, after"
            + " store.retry.backoff.ms; errors that no retry can fix (access denied, no such bucket) fail the task.";

    static final String STORE_RETRY_BACKOFF_MS = ObjectStoreSelection.STORE_RETRY_BACKOFF_MS;

    static final String VALIDATE_CONNECTION = ObjectStoreSelection.VALIDATE_CONNECTION;

    private StoreConfig() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        ObjectStoreSelection.defineDataSource(def, GROUP, ++order);
        def
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
                        "GCS chunk size (bytes)");
        ObjectStoreSelection.defineRetries(def, GROUP, ++order, STORE_RETRY_EXHAUSTED_DOC);
        ++order;
        return ObjectStoreSelection.defineValidateConnection(def, GROUP, ++order);
    }

    /**
     * What goes wrong when the data source is used for real, by the key as the user wrote it: the one-line
     * {@code datasource} reference, or the inline {@code datasource.*} key at fault.
     */
    static Map<String, List<String>> connectionProblems(Map<String, String> props) {
        return ObjectStoreSelection.connectionProblems(props, USE);
    }

    /**
     * The problems of the data source, by the key as the user wrote it ({@code datasource} or a
     * {@code datasource.*} key); empty when it is a usable object store.
     */
    static Map<String, List<String>> problems(Map<String, String> props) {
        return ObjectStoreSelection.problems(props, USE);
    }

    /**
     * The data source the keys describe.
     *
     * @throws ConfigException listing every problem, by key, if it is not a usable object store
     */
    static DataSource dataSource(Map<String, String> props) {
        return ObjectStoreSelection.dataSource(props, USE);
    }

    /** How the adapter of {@code source} moves bytes: its upload size, and the retry policy. */
    static ObjectStores.Tuning tuning(AbstractConfig config, DataSource source) {
        int uploadSize = config.getInt(source instanceof AdlsDataSource ? AZURE_BLOCK_SIZE_BYTES
                : source instanceof GcsDataSource ? GCS_CHUNK_SIZE_BYTES : S3_PART_SIZE_BYTES);
        return ObjectStores.Tuning.DEFAULTS.withPartSizeBytes(uploadSize).withRetries(retryAttempts(config),
                retryBackoff(config));
    }

    static int retryAttempts(AbstractConfig config) {
        return ObjectStoreSelection.retryAttempts(config);
    }

    static Duration retryBackoff(AbstractConfig config) {
        return ObjectStoreSelection.retryBackoff(config);
    }

    private static void validateChunkSize(String name, Object value) {
        int size = (Integer) value;
        if (size < 1 || size % GCS_CHUNK_GRANULARITY != 0) {
            throw new ConfigException(name, value, "Cannot use " + size + " bytes as the GCS chunk size: it must be"
                    + " a positive multiple of " + GCS_CHUNK_GRANULARITY + " (256 KiB)");
        }
    }
}
