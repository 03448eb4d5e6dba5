package io.fsconnect.source.jdbc;

import java.util.Map;

/**
 * The Kafka Connect source partition of one table or query: {@code {"source": "table:<name>"}} or
 * {@code {"source": "query:<sha-256 of the SQL>"}}. Offsets are stored under it, so it must never
 * change for the same source; {@link #KEY} is shared with tooling that edits offsets.
 */
public record SourcePartition(String id) {

    /** The only key of the partition map. */
    public static final String KEY = "source";

    public Map<String, String> toMap() {
        return Map.of(KEY, id);
    }
}
