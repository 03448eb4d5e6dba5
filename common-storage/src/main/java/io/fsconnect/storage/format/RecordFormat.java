package io.fsconnect.storage.format;

import java.io.IOException;
import java.io.OutputStream;
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
     * Starts a file on {@code out} whose records all have {@code valueSchema}. The writer never closes
     * {@code out}: the caller decides whether the bytes are kept.
     *
     * @throws IOException if the file cannot be started on the stream
     * @throws org.apache.kafka.connect.errors.DataException if the format cannot represent the schema
     */
    RecordWriter open(OutputStream out, Schema valueSchema) throws IOException;
}
