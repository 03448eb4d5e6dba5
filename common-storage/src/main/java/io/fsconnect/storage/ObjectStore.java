package io.fsconnect.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;

/**
 * A flat namespace of immutable objects addressed by keys, the one interface every store adapter
 * implements. Keys are '/'-separated relative paths ({@code topics/orders/partition=0/x.parquet}); an
 * adapter rejects a key it cannot address safely with an {@link IllegalArgumentException}. An object
 * written through {@link #create(String)} is invisible to {@link #open(String)} and {@link #list(String)}
 * until its {@link ObjectUpload} is closed successfully; an upload that is aborted leaves nothing
 * behind. Creating a key that already exists replaces the object when the upload completes, so a
 * writer that derives keys from its input can rewrite the same object on replay. Abilities that not
 * every store offers (such as creating only if absent) are separate interfaces an adapter may also
 * implement, never silent fallbacks. Besides whole-object streams, an object can be read in ranges
 * ({@link #openRange}) or through a seekable channel ({@link #openSeekable}), which formats with an index at
 * the end of the file (Parquet) need; adapters serve ranges with the store's ranged GET, so no object has to be
 * copied to local disk first. Implementations are safe for use by several threads.
 */
public interface ObjectStore extends Closeable {

    /**
     * Starts writing the object at {@code key}. The bytes stream to the store as they are written;
     * the object appears only when the returned upload is closed without error.
     *
     * @throws IOException if the store cannot start the upload
     */
    ObjectUpload create(String key) throws IOException;

    /**
     * Opens the visible object at {@code key} for reading.
     *
     * @throws NoSuchObjectException if no visible object has that key
     * @throws IOException if the store cannot be read
     */
    InputStream open(String key) throws IOException;

    /**
     * Lists the visible objects whose keys start with {@code prefix} (a plain string prefix, not only a
     * directory), in lexicographic key order. The listing is fetched lazily while iterating, so very
     * large listings do not have to fit in memory; an I/O error while iterating surfaces as an
     * {@link java.io.UncheckedIOException}. An empty prefix lists everything.
     *
     * @throws IOException if the listing cannot be started
     */
    Iterable<ObjectInfo> list(String prefix) throws IOException;

    /**
     * Deletes the object at {@code key}. Deleting a key that does not exist succeeds, as it does on the
     * cloud object stores.
     *
     * @throws IOException if the store cannot delete the object
     */
    void delete(String key) throws IOException;

    /**
     * Describes the visible object at {@code key}: its size and when it was last written, as a listing would.
     * Adapters ask the store for that one object (HEAD); the default finds it in a listing of {@code key}, for
     * stores that wrap another.
     *
     * @throws NoSuchObjectException if no visible object has that key
     * @throws IOException if the store cannot be read
     */
    default ObjectInfo stat(String key) throws IOException {
        Objects.requireNonNull(key, "key");
        try {
            for (ObjectInfo info : list(key)) {
                if (info.key().equals(key)) {
                    return info;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        throw new NoSuchObjectException(key, "Cannot describe object " + key + ": no such object in " + this);
    }

    /**
     * Opens {@code length} bytes of the visible object at {@code key}, starting at byte {@code offset}: fewer
     * when the object ends first, none when {@code offset} is at or past its end. Adapters serve it with one
     * ranged request (HTTP {@code Range}); the default skips through a whole-object stream, for stores that wrap
     * another.
     *
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     * @throws NoSuchObjectException if no visible object has that key
     * @throws IOException if the store cannot be read
     */
    default InputStream openRange(String key, long offset, long length) throws IOException {
        checkRange(key, offset, length);
        InputStream in = open(key);
        try {
            in.skipNBytes(Math.min(offset, stat(key).size()));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new RangeLimitedStream(in, length);
    }

    /**
     * Opens the visible object at {@code key} for random access, as a read-only channel whose size is the
     * object's size when it was opened. Reads are served by {@link #openRange ranged reads} and buffered: a small
     * read fetches a window around it (one request for a Parquet footer and its length), a large read (a column
     * chunk) is fetched in one request straight into the caller's buffer. The local store returns a file channel.
     *
     * @throws NoSuchObjectException if no visible object has that key
     * @throws IOException if the store cannot be read
     */
    default SeekableByteChannel openSeekable(String key) throws IOException {
        return new RangedReadChannel(this, key, stat(key).size(), RangedReadChannel.WINDOW_BYTES);
    }

    /**
     * Checks the arguments of {@link #openRange}, for adapters that implement it.
     *
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     */
    static void checkRange(String key, long offset, long length) {
        Objects.requireNonNull(key, "key");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("Cannot read bytes " + offset + " (+" + length + ") of object " + key
                    + ": the offset and the length must not be negative");
        }
    }
}
