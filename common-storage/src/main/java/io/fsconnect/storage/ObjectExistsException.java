package io.fsconnect.storage;

import java.io.IOException;

/**
 * Thrown when an upload started with {@link SupportsCreateIfAbsent#createIfAbsent(String)} completes but
 * another writer's object already holds the key; the losing upload's bytes are discarded.
 */
public class ObjectExistsException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ObjectExistsException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key that was already taken. */
    public String key() {
        return key;
    }
}
