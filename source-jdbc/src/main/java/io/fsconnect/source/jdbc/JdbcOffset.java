package io.fsconnect.source.jdbc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a source has been read: the position of the last row handed to Kafka Connect, in the
 * order the mode reads rows. {@code incrementing} is the incrementing-column value of that row
 * (modes incrementing and timestamp+incrementing); {@code timestamp} is its timestamp, with the
 * database's full sub-millisecond precision (modes timestamp and timestamp+incrementing). Stored as
 * {@code {"timestamp": "<ISO-8601 instant>", "incrementing": <long>}}, each key present only when
 * set, so an operator can read and edit it through the REST API; {@link OffsetLoader} is the only
 * place that parses a stored map back.
 *
 * @param timestamp the timestamp of the last row read, empty when nothing has been read yet
 * @param incrementing the last incrementing value read, empty when nothing has been read yet
 */
public record JdbcOffset(Optional<Instant> timestamp, OptionalLong incrementing) {

    /** Key of the incrementing watermark in the stored offset map. */
    public static final String INCREMENTING_KEY = "incrementing";

    /** Key of the timestamp watermark in the stored offset map, an ISO-8601 instant string. */
    public static final String TIMESTAMP_KEY = "timestamp";

    private static final JdbcOffset NONE = new JdbcOffset(Optional.empty(), OptionalLong.empty());

    /** The offset of a source nothing has been read from. */
    public static JdbcOffset none() {
        return NONE;
    }

    public JdbcOffset withIncrementing(long value) {
        return new JdbcOffset(timestamp, OptionalLong.of(value));
    }

    public JdbcOffset withTimestamp(Instant value) {
        return new JdbcOffset(Optional.of(value), incrementing);
    }

    /** The map Kafka Connect stores; empty for a source with nothing to remember (bulk). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        timestamp.ifPresent(t -> map.put(TIMESTAMP_KEY, t.toString()));
        incrementing.ifPresent(i -> map.put(INCREMENTING_KEY, i));
        return map;
    }
}
