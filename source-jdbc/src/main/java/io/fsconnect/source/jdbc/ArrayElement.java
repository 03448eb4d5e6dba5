package io.fsconnect.source.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The element type of a PostgreSQL array column (type names such as {@code _int4} or {@code _text}),
 * with how one element becomes a Connect value. Elements may be NULL, so their schemas are optional.
 * Multi-dimensional arrays are not mapped: their elements are arrays themselves, which fails reading.
 *
 * @param schema the Connect schema of one element
 * @param convert turns a non-null element as the driver returns it into the Connect value
 */
record ArrayElement(Schema schema, Function<Object, Object> convert) {

    /** The element of the array type {@code typeName}, or empty when it has no mapping. */
    static Optional<ArrayElement> of(String typeName) {
        String element = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT).replaceFirst("^_", "");
        return Optional.ofNullable(switch (element) {
            case "bool" -> new ArrayElement(Schema.OPTIONAL_BOOLEAN_SCHEMA, v -> (Boolean) v);
            case "int2" -> new ArrayElement(Schema.OPTIONAL_INT16_SCHEMA, v -> ((Number) v).shortValue());
            case "int4" -> new ArrayElement(Schema.OPTIONAL_INT32_SCHEMA, v -> ((Number) v).intValue());
            case "int8" -> new ArrayElement(Schema.OPTIONAL_INT64_SCHEMA, v -> ((Number) v).longValue());
            case "float4" -> new ArrayElement(Schema.OPTIONAL_FLOAT32_SCHEMA, v -> ((Number) v).floatValue());
            case "float8" -> new ArrayElement(Schema.OPTIONAL_FLOAT64_SCHEMA, v -> ((Number) v).doubleValue());
            case "text", "varchar", "bpchar", "uuid" -> new ArrayElement(
                SchemaBuilder.string().optional().build(), Object::toString);
            default -> null;
        });
    }

    /** Reads the array column {@code column} of the current row as a list, or null. */
    Object read(ResultSet results, int column) throws SQLException {
        Array array = results.getArray(column);
        if (array == null) {
            return null;
        }
        try {
            Object[] elements = (Object[]) array.getArray();
            List<Object> values = new ArrayList<>(elements.length);
            for (Object element : elements) {
                if (element != null && element.getClass().isArray()) {
                    throw new ColumnValueException("a multi-dimensional array cannot be mapped; unnest it in the query");
                }
                values.add(element == null ? null : convert.apply(element));
            }
            return values;
        } finally {
            array.free();
        }
    }
}
