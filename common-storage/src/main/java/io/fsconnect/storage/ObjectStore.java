package io.fsconnect.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A flat namespace of immutable objects addressed by keys, the one interface every store adapter
 * implements. Keys are '/'-separated relative paths ({@code topics/orders/partition=0/x.parquet}); an
 * adapter rejects a key it cannot address safely with an {@link IllegalArgumentException}. An object
 * written through {@link #create(String)} is invisible to {@link #open(String)} and {@link #list(String)}
 * until its {@link ObjectUpload} is closed successfully; an upload that is aborted leaves nothing
 * behind. Creating a key that already exists replaces the object when the upload completes, so a
 * writer that derives keys from its input can rewrite the same object on replay. Abilities that not
 * every store offers (such as creating only if absent) are separate interfaces an adapter may also
 * implement, never silent fallbacks. Implementations are safe for use by several threads.
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
}
