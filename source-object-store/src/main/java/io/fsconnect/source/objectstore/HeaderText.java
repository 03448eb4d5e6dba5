package io.fsconnect.source.objectstore;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.errors.DataException;

/**
 * Restores a typed header value from what the sink's envelope keeps of it: the value as Connect's
 * {@link Values#convertToString} text (binary as base64) and the type of its schema ({@code string},
 * {@code boolean}, {@code int8} ... {@code float64}, {@code bytes}, {@code date}, {@code time},
 * {@code timestamp}, {@code decimal(<scale>)}, {@code array}, {@code map}, {@code struct}). Primitive and
 * logical types come back exactly, with their schema. Arrays and maps are parsed back from their text
 * with element types inferred as {@link Values#parseString} does; structs have no text form that can be
 * parsed and come back as their text. A header without a type (files written before types were kept)
 * comes back as text; a null value comes back as null without a schema. Stateless.
 */
final class HeaderText {

    private static final Pattern DECIMAL = Pattern.compile("decimal\\((-?\\d+)\\)");

    private HeaderText() {
    }

    /**
     * @throws DataException naming the header if the text does not hold a value of the type
     */
    static SchemaAndValue restore(String name, String text, Optional<String> type) {
        if (text == null) {
            return SchemaAndValue.NULL;
        }
        if (type.isEmpty()) {
            return new SchemaAndValue(Schema.STRING_SCHEMA, text);
        }
        try {
            return typed(type.get(), text);
        } catch (IllegalArgumentException | ArithmeticException | DataException e) {
            throw new DataException("header '" + name + "' of type " + type.get() + " holds '" + text + "', which is"
                    + " not such a value: " + e.getMessage(), e);
        }
    }

    private static SchemaAndValue typed(String type, String text) {
        switch (type) {
            case "string":
            case "struct":
                return new SchemaAndValue(Schema.STRING_SCHEMA, text);
            case "boolean":
                if (!text.equals("true") && !text.equals("false")) {
                    throw new DataException("expected true or false");
                }
                return new SchemaAndValue(Schema.BOOLEAN_SCHEMA, Boolean.valueOf(text));
            case "int8":
                return new SchemaAndValue(Schema.INT8_SCHEMA, Byte.valueOf(text));
            case "int16":
                return new SchemaAndValue(Schema.INT16_SCHEMA, Short.valueOf(text));
            case "int32":
                return new SchemaAndValue(Schema.INT32_SCHEMA, Integer.valueOf(text));
            case "int64":
                return new SchemaAndValue(Schema.INT64_SCHEMA, Long.valueOf(text));
            case "float32":
                return new SchemaAndValue(Schema.FLOAT32_SCHEMA, Float.valueOf(text));
            case "float64":
                return new SchemaAndValue(Schema.FLOAT64_SCHEMA, Double.valueOf(text));
            case "bytes":
                return new SchemaAndValue(Schema.BYTES_SCHEMA, Base64.getDecoder().decode(text));
            case "date":
                return new SchemaAndValue(org.apache.kafka.connect.data.Date.SCHEMA, instant(text));
            case "time":
                return new SchemaAndValue(org.apache.kafka.connect.data.Time.SCHEMA, instant(text));
            case "timestamp":
                return new SchemaAndValue(org.apache.kafka.connect.data.Timestamp.SCHEMA, instant(text));
            case "array":
            case "map":
                return Values.parseString(text);
            default:
                Matcher decimal = DECIMAL.matcher(type);
                if (decimal.matches()) {
                    int scale = Integer.parseInt(decimal.group(1));
                    return new SchemaAndValue(Decimal.schema(scale), new BigDecimal(text).setScale(scale));
                }
                throw new DataException("this version restores only the header types the sink writes");
        }
    }

    /** A date, time or timestamp in the text Values renders it as, which Values parses back. */
    private static java.util.Date instant(String text) {
        if (Values.parseString(text).value() instanceof java.util.Date date) {
            return date;
        }
        throw new DataException("expected an ISO-8601 date, time or timestamp");
    }
}
