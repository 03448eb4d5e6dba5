package io.fsconnect.storage.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;

/**
 * A file format that Connect records can be written in, such as Parquet. A format writes to a plain
 * {@link OutputStream} and knows nothing of where the bytes go, so one implementation serves every store.
 * Implementations are immutable and thread-safe; each {@link RecordWriter} they open belongs to one thread.
 */
public interface RecordFormat {

    /** The file name extension of this format including the dot, e.g. {@code .parquet}. */
    String extension();

    /**
     * Whether every file needs a value schema. Formats that do (Parquet, Avro) refuse schemaless values
     * in {@link #open}; text formats (JSON Lines, CSV) also write schemaless values such as maps.
     */
    boolean requiresSchema();

    /**
     * Starts a file on {@code out} whose records all have {@code valueSchema}, or are schemaless when it is
     * empty. The writer never closes {@code out}: the caller decides whether the bytes are kept.
     *
     * @throws IOException if the file cannot be started on the stream
     * @throws org.apache.kafka.connect.errors.DataException if the format cannot represent the schema, or
     *     needs one and none is given
     */
    RecordWriter open(OutputStream out, Optional<Schema> valueSchema) throws IOException;
}
