package io.fsconnect.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;

/**
 * A read-only, seekable view of one object served by {@link ObjectStore#openRange ranged reads}. A read the
 * current window does not cover either fetches a new window of {@code windowBytes} (small reads: a footer, its
 * length, page headers) or, when it asks for at least a window's worth, goes to the store in one request straight
 * into the caller's buffer (Parquet column chunks). A window never reaches past the end of the object and is
 * slid back to end there, so the last bytes of a file and the footer before them arrive in one request. One
 * thread uses a channel at a time, like a {@link java.nio.channels.FileChannel}'s position.
 */
final class RangedReadChannel implements SeekableByteChannel {

    /** The window unless given otherwise: large enough for a typical Parquet footer with its length. */
    static final int WINDOW_BYTES = 1024 * 1024;

    private final ObjectStore store;
    private final String key;
    private final long size;
    private final int windowBytes;
    private byte[] window = new byte[0];
    private long windowStart;
    private long position;
    private boolean open = true;

    RangedReadChannel(ObjectStore store, String key, long size, int windowBytes) {
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
        if (size < 0 || windowBytes < 1) {
            throw new IllegalArgumentException("Cannot read object " + key + " in windows of " + windowBytes
                    + " bytes with size " + size);
        }
        this.size = size;
        this.windowBytes = windowBytes;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int wanted = (int) Math.min(dst.remaining(), size - position);
        if (position < windowStart || position >= windowStart + window.length) {
            if (wanted >= windowBytes) {
                fetch(position, wanted, dst);
                position += wanted;
                return wanted;
            }
            fillWindow();
        }
        int from = (int) (position - windowStart);
        int n = Math.min(wanted, window.length - from);
        dst.put(window, from, n);
        position += n;
        return n;
    }

    private void fillWindow() throws IOException {
        long start = Math.max(0, Math.min(position, size - windowBytes));
        int length = (int) Math.min(windowBytes, size - start);
        ByteBuffer filled = ByteBuffer.allocate(length);
        fetch(start, length, filled);
        window = filled.array();
        windowStart = start;
    }

    /** Reads exactly {@code length} bytes from {@code offset} into {@code dst} with one ranged request. */
    private void fetch(long offset, int length, ByteBuffer dst) throws IOException {
        byte[] chunk = dst.hasArray() ? null : new byte[Math.min(length, 64 * 1024)];
        int done = 0;
        try (InputStream in = store.openRange(key, offset, length)) {
            while (done < length) {
                int n;
                if (chunk == null) {
                    n = in.read(dst.array(), dst.arrayOffset() + dst.position(), length - done);
                    if (n > 0) {
                        dst.position(dst.position() + n);
                    }
                } else {
                    n = in.read(chunk, 0, Math.min(chunk.length, length - done));
                    if (n > 0) {
                        dst.put(chunk, 0, n);
                    }
                }
                if (n < 0) {
                    throw new EOFException("Cannot read object " + key + ": it ended at byte " + (offset + done)
                            + ", before its size of " + size + " bytes when it was opened; it may have been replaced"
                            + " while being read");
                }
                done += n;
            }
        }
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("Cannot seek to " + newPosition + " in object " + key
                    + ": a position must not be negative");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        window = new byte[0];
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public String toString() {
        return "RangedReadChannel[" + key + " in " + store + "]";
    }
}
