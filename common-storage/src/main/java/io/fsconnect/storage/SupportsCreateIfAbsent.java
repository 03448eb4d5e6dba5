package io.fsconnect.storage;

import java.io.IOException;

/**
 * An optional ability of an {@link ObjectStore}: a create that succeeds only if no visible object has
 * the key when the upload completes (a conditional write). It lets two writers racing for the same key,
 * such as a live task and a zombie one, end with exactly one winner. Stores that cannot guarantee the
 * check atomically do not implement this interface.
 */
public interface SupportsCreateIfAbsent {

    /**
     * Like {@link ObjectStore#create(String)}, except that closing the upload fails with
     * {@link ObjectExistsException} and leaves the existing object untouched if the key is already taken.
     *
     * @throws IOException if the store cannot start the upload
     */
    ObjectUpload createIfAbsent(String key) throws IOException;
}
