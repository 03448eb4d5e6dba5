package io.fsconnect.source.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Maps the columns of a query result to Connect schemas and value readers. Supported: BOOLEAN/BIT(1)
 * (MySQL/MariaDB TINYINT(1) included), TINYINT..BIGINT (widened when unsigned; BIGINT UNSIGNED is a
 * Decimal of scale 0), REAL, FLOAT/DOUBLE, NUMERIC/DECIMAL as Connect {@link Decimal} with the
 * column's scale and its precision in the {@code connect.decimal.precision} parameter (or integers
 * and doubles, as {@code numeric.mapping} says), CHAR/VARCHAR/TEXT, DATE (MySQL YEAR included),
 * TIME, TIMESTAMP/DATETIME (wall-clock time in {@code db.timezone}) and TIMESTAMP WITH TIME ZONE
 * (absolute), BINARY/VARBINARY/BLOB/BYTEA as bytes, UUID as a STRING named {@value #UUID_SCHEMA_NAME},
 * JSON/JSONB as a STRING named {@value #JSON_SCHEMA_NAME}, and PostgreSQL arrays of booleans,
 * integers, floating-point numbers, text and UUIDs as Connect arrays with optional elements. Columns
 * that may be NULL get optional schemas. Any other type fails with an error naming the column and
 * its type, or with {@code unsupported.type.handling=string} is read as text: nothing is dropped.
 */
public final class ColumnMapper {

    private static final String DECIMAL_PRECISION_PARAMETER = "connect.decimal.precision";
    // PostgreSQL reports an unconstrained NUMERIC with a precision of 0 or 131089, larger than any declared one.
    private static final int MAX_DECLARED_PRECISION = 1000;

    /** Schema name of UUID columns, which are strings in their canonical text form. */
    public static final String UUID_SCHEMA_NAME = "io.fsconnect.Uuid";
    /** Schema name of JSON and JSONB columns, which are strings holding the JSON text. */
    public static final String JSON_SCHEMA_NAME = "io.fsconnect.Json";

    private final Dialect dialect;
    private final TemporalReaders temporal;
    private final NumericMapping numericMapping;
    private final UnsupportedTypeHandling unsupportedTypes;

    public ColumnMapper(Dialect dialect, ZoneId dbZone) {
        this(dialect, dbZone, NumericMapping.NONE, UnsupportedTypeHandling.FAIL);
    }

    public ColumnMapper(Dialect dialect, JdbcSourceConfig config) {
        this(dialect, config.dbTimeZone(), config.numericMapping(), config.unsupportedTypeHandling());
    }

    public ColumnMapper(Dialect dialect, ZoneId dbZone, NumericMapping numericMapping,
                        UnsupportedTypeHandling unsupportedTypes) {
        this.dialect = dialect;
        this.temporal = dialect.temporalReaders(dbZone);
        this.numericMapping = numericMapping;
        this.unsupportedTypes = unsupportedTypes;
    }

    /** The row schema of a result whose metadata is {@code metadata}; {@code source} is for messages. */
    public RowSchema map(ResultSetMetaData metadata, SourceSpec source) throws SQLException {
        SchemaBuilder struct = SchemaBuilder.struct();
        List<Column> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int position = 1; position <= metadata.getColumnCount(); position++) {
            String name = metadata.getColumnLabel(position);
            if (!seen.add(name)) {
                throw new ConnectException("Cannot map the result of " + source.describe() + ": column name '"
                    + name + "' appears more than once; give the columns distinct aliases in the query");
            }
            Column column = map(metadata, position, name, source);
            struct.field(name, column.schema());
            columns.add(column);
        }
        return new RowSchema(struct.build(), columns);
    }

    private Column map(ResultSetMetaData md, int position, String name, SourceSpec source) throws SQLException {
        int type = dialect.columnType(md, position);
        String typeName = md.getColumnTypeName(position);
        boolean optional = md.isNullable(position) != ResultSetMetaData.columnNoNulls;
        boolean unsigned = dialect.hasUnsignedIntegers() && !md.isSigned(position);
        SchemaBuilder schema;
        ColumnReader reader;
        switch (type) {
            case Types.BOOLEAN -> {
                schema = SchemaBuilder.bool();
                reader = ColumnMapper::readBoolean;
            }
            case Types.BIT -> {
                if (md.getPrecision(position) > 1) {
                    return unsupported(md, position, name, typeName, type, "a bit string of more than one bit", source);
                }
                schema = SchemaBuilder.bool();
                reader = ColumnMapper::readBoolean;
            }
            case Types.TINYINT -> {
                schema = unsigned ? SchemaBuilder.int16() : SchemaBuilder.int8();
                reader = unsigned ? integer(Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v)
                    : integer(Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v);
            }
            case Types.SMALLINT -> {
                schema = unsigned ? SchemaBuilder.int32() : SchemaBuilder.int16();
                reader = unsigned ? integer(Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v)
                    : integer(Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v);
            }
            case Types.INTEGER -> {
                schema = unsigned ? SchemaBuilder.int64() : SchemaBuilder.int32();
                reader = unsigned ? integer(Long.MIN_VALUE, Long.MAX_VALUE, v -> v)
                    : integer(Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
            }
            case Types.BIGINT -> {
                if (unsigned) {
                    schema = decimalSchema(0, 20);
                    reader = decimal(0);
                } else {
                    schema = SchemaBuilder.int64();
                    reader = integer(Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
                }
            }
            case Types.REAL -> {
                schema = SchemaBuilder.float32();
                reader = (rs, i) -> {
                    float value = rs.getFloat(i);
                    return rs.wasNull() ? null : value;
                };
            }
            case Types.FLOAT, Types.DOUBLE -> {
                schema = SchemaBuilder.float64();
                reader = (rs, i) -> {
                    double value = rs.getDouble(i);
                    return rs.wasNull() ? null : value;
                };
            }
            case Types.NUMERIC, Types.DECIMAL -> {
                int precision = md.getPrecision(position);
                int scale = md.getScale(position);
                boolean declared = precision > 0 && precision <= MAX_DECLARED_PRECISION;
                if (numericMapping != NumericMapping.NONE && declared && scale == 0 && precision <= 18) {
                    schema = precision <= 2 ? SchemaBuilder.int8() : precision <= 4 ? SchemaBuilder.int16()
                        : precision <= 9 ? SchemaBuilder.int32() : SchemaBuilder.int64();
                    reader = precision <= 2 ? integer(Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v)
                        : precision <= 4 ? integer(Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v)
                        : precision <= 9 ? integer(Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v)
                        : integer(Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
                    break;
                }
                if (numericMapping == NumericMapping.BEST_FIT && (!declared || scale > 0)) {
                    schema = SchemaBuilder.float64();
                    reader = (rs, i) -> {
                        double value = rs.getDouble(i);
                        return rs.wasNull() ? null : value;
                    };
                    break;
                }
                if (!declared) {
                    throw new ConnectException("Cannot map column '" + name + "' of " + source.describe() + ": its type "
                        + typeName + " has no declared precision and scale, and a Connect Decimal needs a fixed "
                        + "scale; declare the column as NUMERIC(p,s) or CAST it in the query, e.g. CAST(" + name
                        + " AS NUMERIC(38,10)), or set " + JdbcSourceConfig.NUMERIC_MAPPING + "=best_fit");
                }
                schema = decimalSchema(scale, precision);
                reader = decimal(scale);
            }
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> {
                schema = SchemaBuilder.string();
                reader = (rs, i) -> rs.getString(i);
            }
            case Types.DATE -> {
                schema = org.apache.kafka.connect.data.Date.builder();
                reader = temporal.date();
            }
            case Types.TIME -> {
                schema = org.apache.kafka.connect.data.Time.builder();
                reader = temporal.time();
            }
            case Types.TIMESTAMP -> {
                schema = org.apache.kafka.connect.data.Timestamp.builder();
                reader = temporal.timestamp();
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                schema = org.apache.kafka.connect.data.Timestamp.builder();
                reader = temporal.timestampWithZone();
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                schema = SchemaBuilder.bytes();
                reader = (rs, i) -> rs.getBytes(i);
            }
            case Types.ARRAY -> {
                Optional<ArrayElement> element = ArrayElement.of(typeName);
                if (element.isEmpty()) {
                    return unsupported(md, position, name, typeName, type, "an array of a type without a mapping",
                        source);
                }
                schema = SchemaBuilder.array(element.get().schema());
                reader = element.get()::read;
            }
            default -> {
                String lower = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
                if (lower.equals("uuid")) {
                    schema = SchemaBuilder.string().name(UUID_SCHEMA_NAME);
                    reader = (rs, i) -> rs.getString(i);
                } else if (lower.equals("json") || lower.equals("jsonb")) {
                    schema = SchemaBuilder.string().name(JSON_SCHEMA_NAME);
                    reader = (rs, i) -> rs.getString(i);
                } else {
                    return unsupported(md, position, name, typeName, type, "a type without a mapping", source);
                }
            }
        }
        if (optional) {
            schema.optional();
        }
        return new Column(name, position, schema.build(), describeType(md, position, typeName), reader);
    }

    private static String describeType(ResultSetMetaData md, int position, String typeName) throws SQLException {
        int precision = md.getPrecision(position);
        return precision > 0 ? typeName + "(" + precision + "," + md.getScale(position) + ")" : typeName;
    }

    /** The column read as text under {@code unsupported.type.handling=string}; otherwise the error. */
    private Column unsupported(ResultSetMetaData md, int position, String name, String typeName, int type,
                               String why, SourceSpec source) throws SQLException {
        if (unsupportedTypes == UnsupportedTypeHandling.STRING) {
            return new Column(name, position, SchemaBuilder.string().optional().build(),
                describeType(md, position, typeName), (rs, i) -> rs.getString(i));
        }
        throw new ConnectException("Cannot map column '" + name + "' of " + source.describe() + ": its type "
            + typeName + " (java.sql.Types " + type + ") is " + why + ". Set "
            + JdbcSourceConfig.UNSUPPORTED_TYPE_HANDLING + "=string to read it as text, leave the column out of "
            + "the query, or CAST it to a supported type");
    }

    private static SchemaBuilder decimalSchema(int scale, int precision) {
        return Decimal.builder(scale).parameter(DECIMAL_PRECISION_PARAMETER, Integer.toString(precision));
    }

    private ColumnReader decimal(int scale) {
        RoundingMode rounding = dialect.decimalRounding();
        return (rs, i) -> {
            BigDecimal value = rs.getBigDecimal(i);
            if (value == null) {
                return null;
            }
            try {
                return value.setScale(scale, rounding);
            } catch (ArithmeticException e) {
                throw new ColumnValueException("the value " + value.toPlainString() + " has more than " + scale
                    + " fraction digits, the column's scale");
            }
        };
    }

    private static Object readBoolean(ResultSet rs, int column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    /** Reads a whole number through getLong so that a value outside the schema's range fails, never wraps. */
    private static ColumnReader integer(long min, long max, LongFunction<Object> box) {
        return (rs, i) -> {
            long value = rs.getLong(i);
            if (rs.wasNull()) {
                return null;
            }
            if (value < min || value > max) {
                throw new ColumnValueException("the value " + value + " is outside the range of its type ["
                    + min + ", " + max + "]");
            }
            return box.apply(value);
        };
    }
}
