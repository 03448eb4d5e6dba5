package io.fsconnect.source.objectstore;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Reads stored offsets of objects and parses them into {@link ObjectOffset}s. A missing offset is
 * empty; a stored offset that does not parse is an error that says how to fix it, never silently
 * treated as "start from the beginning", which would duplicate the object's records.
 */
final class OffsetLoader {

    private OffsetLoader() {
    }

    /** The stored offsets of {@code objects} in store {@code storeId}, by key; objects never read are absent. */
    static Map<String, ObjectOffset> load(OffsetStorageReader reader, String storeId, Collection<SourceObject> objects) {
        List<Map<String, Object>> partitions = objects.stream().map(o -> o.partition(storeId)).toList();
        Map<String, ObjectOffset> offsets = new HashMap<>();
        for (Map.Entry<Map<String, Object>, Map<String, Object>> entry : reader.offsets(partitions).entrySet()) {
            String key = (String) entry.getKey().get(SourceObject.OBJECT_KEY);
            parse(key, entry.getValue()).ifPresent(offset -> offsets.put(key, offset));
        }
        return offsets;
    }

    /** Parses the stored offset of object {@code key}; {@code stored} may be null (never read). */
    static Optional<ObjectOffset> parse(String key, Map<String, ?> stored) {
        if (stored == null || stored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ObjectOffset(number(key, stored, ObjectOffset.SIZE_KEY),
                number(key, stored, ObjectOffset.MTIME_KEY), number(key, stored, ObjectOffset.RECORD_KEY),
                bool(key, stored, ObjectOffset.DONE_KEY)));
    }

    private static long number(String key, Map<String, ?> stored, String field) {
        Object value = stored.get(field);
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            long result = ((Number) value).longValue();
            if (result >= 0) {
                return result;
            }
        }
        throw invalid(key, stored, "'" + field + "' must be a whole number of at least 0, not " + value);
    }

    private static boolean bool(String key, Map<String, ?> stored, String field) {
        Object value = stored.get(field);
        if (value instanceof Boolean b) {
            return b;
        }
        throw invalid(key, stored, "'" + field + "' must be true or false, not " + value);
    }

    private static ConnectException invalid(String key, Map<String, ?> stored, String problem) {
        return new ConnectException("Cannot load the offset of object " + key + ": " + problem + " in " + new HashMap<>(stored)
                + "; correct it or delete it with the Connect REST API (PATCH or DELETE /connectors/<name>/offsets)");
    }
}
