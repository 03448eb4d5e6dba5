package io.fsconnect.storage.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;

/**
 * A file format that records can be read from as Connect values. Stream formats (Avro, JSON Lines,
 * CSV) read an {@link InputStream} front to back; formats whose index sits at the end of the file
 * (Parquet) say so through {@link #needsSeekableInput()} and are opened on a seekable channel instead.
 * Formats know nothing of stores. Implementations are immutable and thread-safe; each reader they open
 * belongs to one thread and owns the input it was given.
 */
public interface RecordReaderFormat {

    /** The name users configure, e.g. {@code parquet}. */
    String name();

    /** Whether {@link #open(SeekableByteChannel)} must be used instead of {@link #open(InputStream)}. */
    default boolean needsSeekableInput() {
        return false;
    }

    /**
     * Starts reading a file from a stream, which the returned reader closes.
     *
     * @throws IOException if the stream fails or does not start like a file of this format
     */
    RecordReader open(InputStream in) throws IOException;

    /**
     * Starts reading a file from a seekable channel, which the returned reader closes.
     *
     * @throws IOException if the channel fails or does not hold a file of this format
     */
    default RecordReader open(SeekableByteChannel channel) throws IOException {
        return open(Channels.newInputStream(channel));
    }
}
