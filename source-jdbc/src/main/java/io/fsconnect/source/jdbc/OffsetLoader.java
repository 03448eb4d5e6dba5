package io.fsconnect.source.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
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
        if (stored == null || stored.isEmpty()) {
            return JdbcOffset.none();
        }
        Object value = stored.get(JdbcOffset.INCREMENTING_KEY);
        if (value == null) {
            return JdbcOffset.none();
        }
        return JdbcOffset.none().withIncrementing(toLong(partition, value));
    }

    private static long toLong(SourcePartition partition, Object value) {
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
        throw new ConnectException("Cannot load the offset of " + partition.id() + ": '"
            + JdbcOffset.INCREMENTING_KEY + "' is " + value + " (" + value.getClass().getSimpleName()
            + "), expected a whole number within the range of a long; correct or delete the offset "
            + "with the Connect REST API (PATCH or DELETE /connectors/<name>/offsets)");
    }
}
