package io.fsconnect.storage.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream a format writer writes to: it counts the bytes that reach the caller's stream, turns
 * {@link #close()} into a flush (libraries close their streams when they finish a file, but whether the
 * bytes become an object is the caller's decision) and, once {@link #discard()} is called, drops every
 * further byte, so that an abandoned writer cannot add to a file the caller is throwing away. Used by
 * one thread.
 */
public final class GuardedOutputStream extends FilterOutputStream {

    private long count;
    private boolean discarding;

    public GuardedOutputStream(OutputStream out) {
        super(out);
    }

    /** Bytes passed on to the underlying stream (or dropped after {@link #discard()}). */
    public long count() {
        return count;
    }

    /** Drops all further writes and flushes; the underlying stream is left as it is. */
    public void discard() {
        discarding = true;
    }

    @Override
    public void write(int b) throws IOException {
        if (!discarding) {
            out.write(b);
        }
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!discarding) {
            out.write(b, off, len);
        }
        count += len;
    }

    @Override
    public void flush() throws IOException {
        if (!discarding) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
