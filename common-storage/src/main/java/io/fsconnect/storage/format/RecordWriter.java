package io.fsconnect.storage.format;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes the records of one file, in order, to the stream it was opened on. {@link #commit()} completes
 * the file (for Parquet: the last row group and the footer) and flushes it; only then are the bytes a
 * valid file. {@link #close()} releases what the writer holds; closing a writer that was not committed
 * abandons the file and writes nothing more to the stream, so the caller can discard what was written.
 * A writer is used by one thread.
 */
public interface RecordWriter extends Closeable {

    /**
     * Appends one record value, which must match the schema the writer was opened with.
     *
     * @throws org.apache.kafka.connect.errors.DataException if the value cannot be represented
     * @throws IOException if the stream fails
     */
    void write(Object value) throws IOException;

    /**
     * The size the file would have if committed now: bytes already written to the stream plus what the
     * writer still buffers. Policies that rotate files by size read this.
     */
    long bytesWritten();

    /**
     * Completes the file on the stream and flushes the stream, without closing it.
     *
     * @throws IOException if the file cannot be completed
     */
    void commit() throws IOException;

    /** Releases resources; abandons the file if it was not committed. Idempotent. */
    @Override
    void close() throws IOException;
}
