package io.fsconnect.source.jdbc;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The identities of the rows a task has delivered whose timestamps lie within the lookback window,
 * so that re-reading the window finds the rows committed late and skips the ones already sent. Rows
 * are identified by their timestamp plus an identity within it (the incrementing value, or a digest
 * of the row). Memory is bounded by the number of rows whose timestamps fall inside one window:
 * {@link #forgetBefore} drops everything older as the high-water mark moves. Held in memory only:
 * after a restart the window is re-sent once (at-least-once), which keeps the stored offset small.
 */
final class DeliveredWindow {

    private final NavigableMap<Instant, Set<Object>> delivered = new TreeMap<>();
    private long size;

    boolean contains(Instant timestamp, Object identity) {
        Set<Object> atTimestamp = delivered.get(timestamp);
        return atTimestamp != null && atTimestamp.contains(identity);
    }

    void add(Instant timestamp, Object identity) {
        if (delivered.computeIfAbsent(timestamp, t -> new HashSet<>()).add(identity)) {
            size++;
        }
    }

    /** Forgets every row with a timestamp before {@code oldest}; the window will not be read there again. */
    void forgetBefore(Instant oldest) {
        Map<Instant, Set<Object>> older = delivered.headMap(oldest, false);
        for (Set<Object> rows : older.values()) {
            size -= rows.size();
        }
        older.clear();
    }

    /** Forgets everything: the next read of the window re-sends it. */
    void clear() {
        delivered.clear();
        size = 0;
    }

    /** How many rows are remembered. */
    long size() {
        return size;
    }
}
