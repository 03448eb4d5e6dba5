package io.fsconnect.source.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Reads the stored offset of a source and parses it into a {@link JdbcOffset}. A missing offset is
 * {@link JdbcOffset#none()}; a stored offset that does not parse is an error that says how to fix it,
 * never silently treated as "start from the beginning".
 */
public final class OffsetLoader {

    private OffsetLoader() {
    }

    /** The offset stored for {@code partition}, or none. */
    public static JdbcOffset load(OffsetStorageReader reader, SourcePartition partition) {
        return parse(partition, reader.offset(partition.toMap()));
    }

    /** Parses a stored offset map; {@code stored} may be null (no offset). */
    public static JdbcOffset parse(SourcePartition partition, Map<String, ?> stored) {
        return parse(partition, stored, "load", "correct or delete the offset with the Connect REST API (PATCH or "
            + "DELETE /connectors/<name>/offsets)");
    }

    /** Parses an offset an operator is writing through the REST API, before Kafka Connect stores it. */
    public static JdbcOffset parseEdit(SourcePartition partition, Map<String, ?> edited) {
        return parse(partition, edited, "alter", "write it in that form, or send a null offset to start afresh");
    }

    private static JdbcOffset parse(SourcePartition partition, Map<String, ?> stored, String verb, String advice) {
        JdbcOffset offset = JdbcOffset.none();
        if (stored == null) {
            return offset;
        }
        Object incrementing = stored.get(JdbcOffset.INCREMENTING_KEY);
        if (incrementing != null) {
            offset = offset.withIncrementing(toLong(partition, incrementing, verb, advice));
        }
        Object timestamp = stored.get(JdbcOffset.TIMESTAMP_KEY);
        if (timestamp != null) {
            offset = offset.withTimestamp(toInstant(partition, timestamp, verb, advice));
        }
        return offset;
    }

    private static Instant toInstant(SourcePartition partition, Object value, String verb, String advice) {
        if (value instanceof String text) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                // fall through to the error below, which explains what is expected
            }
        }
        throw invalid(partition, JdbcOffset.TIMESTAMP_KEY, value,
            "an ISO-8601 instant string such as 2024-03-01T10:00:00.123456Z", verb, advice);
    }

    private static long toLong(SourcePartition partition, Object value, String verb, String advice) {
        try {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger big) {
                return big.longValueExact();
            }
            if (value instanceof BigDecimal decimal) {
                return decimal.longValueExact();
            }
            if (value instanceof String text) {
                return Long.parseLong(text.strip());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // fall through to the error below, which explains what is expected
        }
        throw invalid(partition, JdbcOffset.INCREMENTING_KEY, value, "a whole number within the range of a long", verb, advice);
    }

    private static ConnectException invalid(SourcePartition partition, String key, Object value, String expected,
                                            String verb, String advice) {
        return new ConnectException("Cannot " + verb + " the offset of " + partition.id() + ": '" + key + "' is "
            + value + " (" + value.getClass().getSimpleName() + "), expected " + expected + "; " + advice);
    }
}
