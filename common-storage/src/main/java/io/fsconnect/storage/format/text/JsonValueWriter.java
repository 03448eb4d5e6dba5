package io.fsconnect.storage.format.text;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Renders Connect values as JSON, with or without a schema, the same way in every text format:
 * <ul>
 * <li>{@code Decimal}: a JSON number in plain notation with the value's exact digits and scale
 * (e.g. {@code 12.30}); read it as a decimal (Jackson's {@code USE_BIG_DECIMAL_FOR_FLOATS}, Spark's
 * {@code DecimalType}) rather than a double to keep every digit.</li>
 * <li>{@code Timestamp}: an ISO-8601 instant in UTC with milliseconds, e.g. {@code 2024-02-29T13:14:15.016Z};
 * {@code Date}: {@code 2024-02-29}; {@code Time}: {@code 13:14:15.016}. Schemaless {@code java.util.Date}
 * values are rendered as timestamps.</li>
 * <li>{@code BYTES}: standard base64 with padding.</li>
 * <li>Structs and maps: objects (map keys as text); arrays: arrays; {@code null}: {@code null}.</li>
 * <li>{@code FLOAT32}/{@code FLOAT64} NaN and infinities, which JSON numbers cannot hold: the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class JsonValueWriter {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private JsonValueWriter() {
    }

    /**
     * Writes {@code value}, described by {@code schema} (null for a schemaless value), to {@code json}.
     *
     * @throws DataException naming the field at {@code path} if the value cannot be rendered
     */
    public static void write(JsonGenerator json, Schema schema, Object value, String path) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        if (schema == null) {
            writeSchemaless(json, value, path);
            return;
        }
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME:
                    json.writeNumber(((BigDecimal) value).toPlainString());
                    return;
                case Date.LOGICAL_NAME:
                case Time.LOGICAL_NAME:
                case Timestamp.LOGICAL_NAME:
                    json.writeString(logicalText(schema, value));
                    return;
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case INT8:
            case INT16:
            case INT32:
                json.writeNumber(((Number) value).intValue());
                return;
            case INT64:
                json.writeNumber((Long) value);
                return;
            case FLOAT32:
            case FLOAT64:
                writeFloating(json, ((Number) value).doubleValue(), schema.type() == Schema.Type.FLOAT32,
                        (Number) value);
                return;
            case BOOLEAN:
                json.writeBoolean((Boolean) value);
                return;
            case STRING:
                json.writeString((String) value);
                return;
            case BYTES:
                json.writeString(base64(value));
                return;
            case ARRAY: {
                List<?> list = (List<?>) value;
                json.writeStartArray();
                for (Object element : list) {
                    write(json, schema.valueSchema(), element, path + "[]");
                }
                json.writeEndArray();
                return;
            }
            case MAP: {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    json.writeFieldName(mapKey(entry.getKey(), path));
                    write(json, schema.valueSchema(), entry.getValue(), path + "{}");
                }
                json.writeEndObject();
                return;
            }
            case STRUCT: {
                Struct struct = (Struct) value;
                json.writeStartObject();
                for (Field field : schema.fields()) {
                    json.writeFieldName(field.name());
                    write(json, field.schema(), struct.get(field), join(path, field.name()));
                }
                json.writeEndObject();
                return;
            }
            default:
                throw new DataException("Cannot write field '" + display(path) + "' as JSON: unsupported type "
                        + schema.type());
        }
    }

    /**
     * The text of a {@code Date}, {@code Time} or {@code Timestamp} value, as {@link #write} renders it; the
     * CSV format uses the same text in its cells.
     */
    static String logicalText(Schema schema, Object value) {
        long millis = ((java.util.Date) value).getTime();
        switch (schema.name()) {
            case Date.LOGICAL_NAME:
                return LocalDate.ofEpochDay(Math.floorDiv(millis, MILLIS_PER_DAY)).toString();
            case Time.LOGICAL_NAME:
                return TIME.format(LocalTime.ofNanoOfDay(Math.floorMod(millis, MILLIS_PER_DAY) * 1_000_000L));
            default:
                return TIMESTAMP.format(Instant.ofEpochMilli(millis));
        }
    }

    static String base64(Object bytes) {
        if (bytes instanceof byte[] array) {
            return Base64.getEncoder().encodeToString(array);
        }
        ByteBuffer buffer = ((ByteBuffer) bytes).duplicate();
        byte[] array = new byte[buffer.remaining()];
        buffer.get(array);
        return Base64.getEncoder().encodeToString(array);
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String display(String path) {
        return path.isEmpty() ? "<root>" : path;
    }

    private static void writeSchemaless(JsonGenerator json, Object value, String path) throws IOException {
        if (value instanceof Struct struct) {
            write(json, struct.schema(), struct, path);
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal.toPlainString());
        } else if (value instanceof Float || value instanceof Double) {
            writeFloating(json, ((Number) value).doubleValue(), value instanceof Float, (Number) value);
        } else if (value instanceof Number number) {
            json.writeNumber(number.longValue());
        } else if (value instanceof byte[] || value instanceof ByteBuffer) {
            json.writeString(base64(value));
        } else if (value instanceof java.util.Date date) {
            json.writeString(TIMESTAMP.format(date.toInstant()));
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                write(json, null, element, path + "[]");
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = mapKey(entry.getKey(), path);
                json.writeFieldName(key);
                write(json, null, entry.getValue(), join(path, key));
            }
            json.writeEndObject();
        } else {
            throw new DataException("Cannot write field '" + display(path) + "' as JSON: values of "
                    + value.getClass().getName() + " have no JSON form; give the value a schema");
        }
    }

    private static void writeFloating(JsonGenerator json, double value, boolean single, Number original)
            throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            json.writeString(Double.toString(value));
        } else if (single) {
            // Float's own shortest text, so that 3.1f is written as 3.1 and not 3.0999999046325684.
            json.writeNumber(original.floatValue());
        } else {
            json.writeNumber(value);
        }
    }

    private static String mapKey(Object key, String path) {
        if (key == null) {
            throw new DataException("Cannot write field '" + display(path) + "' as JSON: a map has a null key,"
                    + " which JSON objects cannot hold");
        }
        return key instanceof String text ? text : key.toString();
    }
}
