package io.fsconnect.sink;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.parquet.ParquetBuffering;
import io.fsconnect.storage.format.parquet.ParquetFormat;
import io.fsconnect.storage.local.LocalObjectStore;
import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The key that bounds what a task holds in memory for its open files, and the settings derived from it:
 * the {@link BufferBudget} itself, the Parquet page and row-group sizes, and how much each open file is
 * estimated to hold ({@link FileMemory}).
 */
final class BufferBudgetConfig {

    static final String GROUP = "Memory";

    static final String BUFFER_MAX_BYTES = "buffer.max.bytes";
    static final String BUFFER_MAX_BYTES_DOC = "The most memory one task holds for its open files together: the rows"
            + " a format buffers (a Parquet row group, an Avro block, text and compressor buffers) and each open"
            + " upload's part or block buffer. When the open files reach it, the task completes the files of the"
            + " partitions holding the most, so under memory pressure files are smaller and more numerous than"
            + " flush.size and the rotation keys alone would make them. Files completed this way end where the"
            + " pressure happened to fall, which differs between runs: after a failure, records written after the"
            + " last offset commit may appear in two objects (at-least-once for those records) unless the budget"
            + " is large enough for the task's open files, as for any non-deterministic rotation. Parquet pages"
            + " and row groups are sized from it.";
    static final long BUFFER_MAX_BYTES_DEFAULT = 128L * 1024 * 1024;
    static final long BUFFER_MAX_BYTES_MIN = 4L * 1024 * 1024;

    // The upload tuning keys of the stores; the largest one present bounds each open upload's buffer.
    private static final List<String> PART_SIZE_KEYS = List.of("s3.part.size.bytes", "azure.block.size.bytes",
            "gcs.chunk.size.bytes");

    private BufferBudgetConfig() {
    }

    static ConfigDef define(ConfigDef def) {
        return def.define(BUFFER_MAX_BYTES, ConfigDef.Type.LONG, BUFFER_MAX_BYTES_DEFAULT,
                ConfigDef.Range.atLeast(BUFFER_MAX_BYTES_MIN), ConfigDef.Importance.MEDIUM, BUFFER_MAX_BYTES_DOC, GROUP,
                1, ConfigDef.Width.MEDIUM, "Buffer budget (bytes)");
    }

    static BufferBudget budget(AbstractConfig config) {
        return new BufferBudget(config.getLong(BUFFER_MAX_BYTES));
    }

    /** {@code format} with its buffers sized from the budget, where the format has settings for that. */
    static RecordFormat sized(RecordFormat format, AbstractConfig config) {
        if (format instanceof ParquetFormat parquet) {
            return parquet.withBuffering(ParquetBuffering.forBudget(config.getLong(BUFFER_MAX_BYTES)));
        }
        return format;
    }

    /** How much each open file of {@code format} in {@code store} is estimated to hold. */
    static FileMemory fileMemory(RecordFormat format, ObjectStore store, AbstractConfig config) {
        if (store instanceof LocalObjectStore) {
            // A local upload writes through one fixed buffer to a temporary file.
            return FileMemory.of(format, FileMemory.FIRST_UPLOAD_BUFFER_BYTES);
        }
        long partBytes = 0;
        for (String key : PART_SIZE_KEYS) {
            if (config.values().get(key) instanceof Number number) {
                partBytes = Math.max(partBytes, number.longValue());
            }
        }
        return FileMemory.of(format, partBytes > 0 ? partBytes : ObjectStores.Tuning.DEFAULTS.partSizeBytes());
    }
}
