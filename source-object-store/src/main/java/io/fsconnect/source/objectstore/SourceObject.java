package io.fsconnect.source.objectstore;

import java.util.Map;
import java.util.Objects;

/**
 * One object as a listing saw it: its key and the version identity the source relies on (size and
 * last-modified time; the store's listing offers nothing stronger yet). An object rewritten under the
 * same key has a different identity and is read again from its first record.
 *
 * @param key the object key
 * @param size the size in bytes
 * @param lastModifiedMillis when the object was last written, in epoch milliseconds
 */
record SourceObject(String key, long size, long lastModifiedMillis) {

    /** Key of the store id in a source partition. */
    static final String STORE_KEY = "store";
    /** Key of the object key in a source partition. */
    static final String OBJECT_KEY = "object";

    SourceObject {
        Objects.requireNonNull(key, "key");
    }

    /** The source partition of this object in the store named {@code storeId}. */
    Map<String, Object> partition(String storeId) {
        return partition(storeId, key);
    }

    static Map<String, Object> partition(String storeId, String key) {
        return Map.of(STORE_KEY, storeId, OBJECT_KEY, key);
    }

    /** Whether {@code offset} was stored for this very version of the object. */
    boolean sameVersion(ObjectOffset offset) {
        return offset.size() == size && offset.lastModifiedMillis() == lastModifiedMillis;
    }
}
