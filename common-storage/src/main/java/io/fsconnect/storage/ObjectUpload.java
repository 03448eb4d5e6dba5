package io.fsconnect.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The byte stream of one object being created. {@link #close()} completes the upload and makes the
 * object visible under its key in one step: readers see either the previous object or the complete new
 * one, never a partial file. If {@code close()} throws, the object did not become visible. {@link #abort()}
 * discards everything written so far; after an abort, {@code close()} does nothing. Writing after close
 * or abort fails. An upload belongs to one writer thread.
 */
public abstract class ObjectUpload extends OutputStream {

    /** The key the object will have once the upload completes. */
    public abstract String key();

    /** The number of bytes written to this upload so far. */
    public abstract long bytesWritten();

    /**
     * Discards the upload: nothing becomes visible and whatever was staged is removed. Aborting an
     * upload that is already closed or aborted does nothing.
     *
     * @throws IOException if the store cannot remove what was staged
     */
    public abstract void abort() throws IOException;

    /**
     * Completes the upload and makes the object visible. Does nothing if it was already closed or aborted.
     *
     * @throws IOException if the object could not be made visible; it then stays invisible
     */
    @Override
    public abstract void close() throws IOException;
}
