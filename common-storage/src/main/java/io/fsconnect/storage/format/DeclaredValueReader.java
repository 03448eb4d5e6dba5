package io.fsconnect.storage.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turns the text of one field of a text format (a CSV cell, a JSON string or number) into the Connect
 * value of the column type a user declared. Integers and decimals are parsed exactly (a fraction in an
 * integer column is an error, not a truncation); booleans are {@code true}/{@code false}; dates, times
 * and timestamps are ISO-8601, a timestamp without an offset being UTC, or whole epoch milliseconds for
 * timestamps; bytes are base64. Stateless.
 */
public final class DeclaredValueReader {

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d+");

    private DeclaredValueReader() {
    }

    /**
     * The value of {@code text} in a column of {@code schema}.
     *
     * @throws DataException saying what was expected if the text does not parse
     */
    public static Object parse(Schema schema, String text) {
        String trimmed = text.strip();
        try {
            if (schema.name() != null) {
                switch (schema.name()) {
                    case Decimal.LOGICAL_NAME:
                        return new BigDecimal(trimmed).setScale(Integer.parseInt(
                                schema.parameters().get(Decimal.SCALE_FIELD)), RoundingMode.UNNECESSARY);
                    case Date.LOGICAL_NAME:
                        return new java.util.Date(LocalDate.parse(trimmed).toEpochDay() * 86_400_000L);
                    case Time.LOGICAL_NAME:
                        return new java.util.Date(LocalTime.parse(trimmed).toNanoOfDay() / 1_000_000L);
                    case Timestamp.LOGICAL_NAME:
                        return new java.util.Date(epochMillis(trimmed));
                    default:
                        break;
                }
            }
            switch (schema.type()) {
                case STRING:
                    return text;
                case BOOLEAN:
                    String lower = trimmed.toLowerCase(Locale.ROOT);
                    if (lower.equals("true") || lower.equals("false")) {
                        return Boolean.valueOf(lower);
                    }
                    throw new NumberFormatException("not a boolean");
                case INT8:
                    return Byte.parseByte(trimmed);
                case INT16:
                    return Short.parseShort(trimmed);
                case INT32:
                    return Integer.parseInt(trimmed);
                case INT64:
                    return Long.parseLong(trimmed);
                case FLOAT32:
                    return Float.parseFloat(trimmed);
                case FLOAT64:
                    return Double.parseDouble(trimmed);
                case BYTES:
                    return Base64.getDecoder().decode(trimmed);
                default:
                    throw new DataException("columns of type " + schema.type() + " cannot be read from text");
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new DataException("'" + abbreviate(text) + "' is not a valid " + describe(schema));
        } catch (IllegalArgumentException e) {
            throw new DataException("'" + abbreviate(text) + "' is not valid base64 for a bytes column");
        }
    }

    private static long epochMillis(String text) {
        if (EPOCH_MILLIS.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException notOffset) {
                return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
        }
    }

    /** The name of a column type as users declare it, for messages. */
    public static String describe(Schema schema) {
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME:
                    return "decimal with scale " + schema.parameters().get(Decimal.SCALE_FIELD);
                case Date.LOGICAL_NAME:
                    return "date (yyyy-mm-dd)";
                case Time.LOGICAL_NAME:
                    return "time (hh:mm:ss)";
                case Timestamp.LOGICAL_NAME:
                    return "timestamp (ISO-8601 or epoch milliseconds)";
                default:
                    break;
            }
        }
        return schema.type().getName();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
