package io.fsconnect.source.objectstore;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Parses the {@code input.columns} declaration ({@code name:type,name:type}) into the Connect struct
 * schema of the records text files are read as. Every column is optional, because an empty CSV cell or
 * a missing JSON field is a null, not an error; whether a null is acceptable is the consumer's rule.
 */
final class DeclaredColumns {

    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+)\\)");

    private DeclaredColumns() {
    }

    /**
     * @throws ConfigException naming the column and the accepted types if the text does not parse
     */
    static Schema parse(String text) {
        SchemaBuilder struct = SchemaBuilder.struct();
        for (String part : text.split(",")) {
            String column = part.strip();
            int colon = column.lastIndexOf(':');
            if (colon <= 0 || colon == column.length() - 1) {
                throw new ConfigException(ObjectStoreSourceConfig.INPUT_COLUMNS, text, "Cannot read column declaration"
                        + " '" + column + "': expected name:type, e.g. id:int64");
            }
            String name = column.substring(0, colon).strip();
            String type = column.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            if (struct.field(name) != null) {
                throw new ConfigException(ObjectStoreSourceConfig.INPUT_COLUMNS, text, "Cannot declare column '" + name
                        + "' twice");
            }
            struct.field(name, type(name, type, text));
        }
        return struct.build();
    }

    private static Schema type(String name, String type, String text) {
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return Decimal.builder(Integer.parseInt(decimal.group(1))).optional().build();
        }
        switch (type) {
            case "string":
                return Schema.OPTIONAL_STRING_SCHEMA;
            case "boolean":
                return Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case "int8":
                return Schema.OPTIONAL_INT8_SCHEMA;
            case "int16":
                return Schema.OPTIONAL_INT16_SCHEMA;
            case "int32":
                return Schema.OPTIONAL_INT32_SCHEMA;
            case "int64":
                return Schema.OPTIONAL_INT64_SCHEMA;
            case "float32":
                return Schema.OPTIONAL_FLOAT32_SCHEMA;
            case "float64":
                return Schema.OPTIONAL_FLOAT64_SCHEMA;
            case "bytes":
                return Schema.OPTIONAL_BYTES_SCHEMA;
            case "date":
                return Date.builder().optional().build();
            case "time":
                return Time.builder().optional().build();
            case "timestamp":
                return Timestamp.builder().optional().build();
            default:
                throw new ConfigException(ObjectStoreSourceConfig.INPUT_COLUMNS, text, "Cannot declare column '" + name
                        + "' of type '" + type + "': expected one of string, boolean, int8, int16, int32, int64,"
                        + " float32, float64, bytes, date, time, timestamp, decimal(<scale>)");
        }
    }
}
