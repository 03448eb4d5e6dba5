package io.fsconnect.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * What a listing says about one visible object: its key, its size in bytes and when it was last written.
 */
public record ObjectInfo(String key, long size, Instant lastModified) {

    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        if (size < 0) {
            throw new IllegalArgumentException("Cannot describe object " + key + ": negative size " + size);
        }
    }
}
