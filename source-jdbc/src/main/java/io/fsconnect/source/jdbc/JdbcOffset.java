package io.fsconnect.source.jdbc;

import java.util.Map;
import java.util.OptionalLong;

/**
 * How far a source has been read: the incrementing-column value of the last row handed to Kafka
 * Connect, if any. Stored as {@code {"incrementing": <long>}}; {@link OffsetLoader} is the only place
 * that parses a stored map back. Later modes add their own watermark components here.
 *
 * @param incrementing the last incrementing value read, empty when nothing has been read yet
 */
public record JdbcOffset(OptionalLong incrementing) {

    /** Key of the incrementing watermark in the stored offset map. */
    public static final String INCREMENTING_KEY = "incrementing";

    private static final JdbcOffset NONE = new JdbcOffset(OptionalLong.empty());

    /** The offset of a source nothing has been read from. */
    public static JdbcOffset none() {
        return NONE;
    }

    public JdbcOffset withIncrementing(long value) {
        return new JdbcOffset(OptionalLong.of(value));
    }

    /** The map Kafka Connect stores; empty for a source with nothing to remember (bulk). */
    public Map<String, Object> toMap() {
        return incrementing.isPresent() ? Map.of(INCREMENTING_KEY, incrementing.getAsLong()) : Map.of();
    }
}
