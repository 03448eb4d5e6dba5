package io.fsconnect.storage;

import java.io.IOException;

/**
 * Thrown when an operation needs a visible object and the store has none under the key. Callers
 * can tell "absent" apart from a failing store by this type alone.
 */
public class NoSuchObjectException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public NoSuchObjectException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key that has no visible object. */
    public String key() {
        return key;
    }
}
