package io.fsconnect.storage.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Maps one Avro record schema to a Connect {@code STRUCT} schema, and Avro records in their generic
 * representation (no logical-type conversions applied) to Connect {@link Struct}s: the inverse of
 * {@link AvroRecordMapping}, so that what the suite writes reads back as the same schema and values.
 * Unions of {@code null} and one type become optional schemas; {@code int} becomes {@code INT8} or
 * {@code INT16} when the writer marked it with {@code connect.type}; enums become strings and fixed
 * become bytes. Logical types map to Connect's: {@code decimal} (bytes or fixed) to {@code Decimal}
 * with its precision kept in the {@code connect.decimal.precision} parameter, {@code date} to
 * {@code Date}, {@code time-millis} to {@code Time}, and {@code timestamp-millis} and
 * {@code local-timestamp-millis} to {@code Timestamp}; the microsecond variants map to the same Connect
 * types, which hold milliseconds, so their values are rounded down to the millisecond. Other unions and
 * recursive records have no Connect counterpart and are rejected naming the field. An instance is
 * immutable and thread-safe.
 */
public final class AvroToConnect {

    private static final String WRITER_DEFAULT_NAME = "ConnectRecord";

    private final org.apache.avro.Schema avroSchema;
    private final Schema connectSchema;

    private AvroToConnect(org.apache.avro.Schema avroSchema, Schema connectSchema) {
        this.avroSchema = avroSchema;
        this.connectSchema = connectSchema;
    }

    /**
     * Builds the mapping for {@code avroSchema}, which must be a record.
     *
     * @throws DataException naming the field if some part of the schema has no Connect representation
     */
    public static AvroToConnect of(org.apache.avro.Schema avroSchema) {
        Objects.requireNonNull(avroSchema, "avroSchema");
        if (avroSchema.getType() != org.apache.avro.Schema.Type.RECORD) {
            throw new DataException("Cannot map Avro schema of type " + avroSchema.getType() + " to a Connect struct:"
                    + " only records can be read as structs");
        }
        return new AvroToConnect(avroSchema, new SchemaMapper().record(avroSchema, "", false));
    }

    /** The Connect schema of the values {@link #toConnect} returns. */
    public Schema connectSchema() {
        return connectSchema;
    }

    /** The Avro schema this mapping was built from. */
    public org.apache.avro.Schema avroSchema() {
        return avroSchema;
    }

    /**
     * Converts an Avro record of the mapped schema to a Connect struct.
     *
     * @throws DataException naming the field if a value does not match the schema
     */
    public Struct toConnect(IndexedRecord record) {
        Objects.requireNonNull(record, "record");
        return (Struct) convert(connectSchema, avroSchema, record, "");
    }

    private static Object convert(Schema schema, org.apache.avro.Schema avro, Object value, String path) {
        if (value == null) {
            if (!schema.isOptional()) {
                throw new DataException("Cannot read field '" + display(path) + "': it is null but its schema is not"
                        + " optional");
            }
            return null;
        }
        org.apache.avro.Schema actual = nonNull(avro);
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME: {
                    int scale = ((LogicalTypes.Decimal) actual.getLogicalType()).getScale();
                    return new BigDecimal(new BigInteger(bytes(value)), scale);
                }
                case Date.LOGICAL_NAME:
                    return new java.util.Date(((Number) value).longValue() * 86_400_000L);
                case Time.LOGICAL_NAME:
                    return new java.util.Date(isMicros(actual.getLogicalType())
                            ? Math.floorDiv(((Number) value).longValue(), 1000L) : ((Number) value).longValue());
                case Timestamp.LOGICAL_NAME:
                    return new java.util.Date(isMicros(actual.getLogicalType())
                            ? Math.floorDiv(((Number) value).longValue(), 1000L) : ((Number) value).longValue());
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case INT8:
                return ((Number) value).byteValue();
            case INT16:
                return ((Number) value).shortValue();
            case INT32:
                return ((Number) value).intValue();
            case INT64:
                return ((Number) value).longValue();
            case FLOAT32:
                return ((Number) value).floatValue();
            case FLOAT64:
                return ((Number) value).doubleValue();
            case BOOLEAN:
                return value;
            case STRING:
                return value.toString();
            case BYTES:
                return bytes(value);
            case ARRAY: {
                List<?> list = (List<?>) value;
                List<Object> out = new ArrayList<>(list.size());
                for (Object element : list) {
                    out.add(convert(schema.valueSchema(), actual.getElementType(), element, path + "[]"));
                }
                return out;
            }
            case MAP: {
                Map<?, ?> map = (Map<?, ?>) value;
                Map<String, Object> out = new LinkedHashMap<>(Math.max(16, map.size() * 2));
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.put(entry.getKey().toString(),
                            convert(schema.valueSchema(), actual.getValueType(), entry.getValue(), path + "{}"));
                }
                return out;
            }
            case STRUCT: {
                if (!(value instanceof IndexedRecord record)) {
                    throw new DataException("Cannot read field '" + display(path) + "': expected an Avro record, got "
                            + value.getClass().getName());
                }
                Struct struct = new Struct(schema);
                for (Field field : schema.fields()) {
                    org.apache.avro.Schema.Field avroField = actual.getField(field.name());
                    struct.put(field, convert(field.schema(), avroField.schema(), record.get(avroField.pos()),
                            path.isEmpty() ? field.name() : path + "." + field.name()));
                }
                return struct;
            }
            default:
                throw new DataException("Cannot read field '" + display(path) + "': unsupported type " + schema.type());
        }
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] out = new byte[copy.remaining()];
            copy.get(out);
            return out;
        }
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes().clone();
        }
        if (value instanceof byte[] array) {
            return array.clone();
        }
        throw new DataException("Cannot read bytes from a value of " + value.getClass().getName());
    }

    private static boolean isMicros(LogicalType type) {
        return type instanceof LogicalTypes.TimeMicros || type instanceof LogicalTypes.TimestampMicros
                || type instanceof LogicalTypes.LocalTimestampMicros;
    }

    private static org.apache.avro.Schema nonNull(org.apache.avro.Schema schema) {
        if (schema.getType() != org.apache.avro.Schema.Type.UNION) {
            return schema;
        }
        for (org.apache.avro.Schema branch : schema.getTypes()) {
            if (branch.getType() != org.apache.avro.Schema.Type.NULL) {
                return branch;
            }
        }
        return schema;
    }

    private static String display(String path) {
        return path.isEmpty() ? "<root>" : path;
    }

    /** Builds Connect schemas, reusing the schema of a named record that appears more than once. */
    private static final class SchemaMapper {

        private final Map<String, Schema> records = new HashMap<>();
        private final Set<String> inProgress = new HashSet<>();

        Schema record(org.apache.avro.Schema avro, String path, boolean optional) {
            String fullName = avro.getFullName();
            String key = fullName + (optional ? "?" : "");
            Schema known = records.get(key);
            if (known != null) {
                return known;
            }
            if (!inProgress.add(fullName)) {
                throw new DataException("Cannot map field '" + display(path) + "' to Connect: record " + fullName
                        + " contains itself, and Connect schemas cannot be recursive");
            }
            SchemaBuilder builder = SchemaBuilder.struct();
            if (!(path.isEmpty() && WRITER_DEFAULT_NAME.equals(fullName))) {
                builder.name(fullName);
            }
            if (avro.getDoc() != null) {
                builder.doc(avro.getDoc());
            }
            for (org.apache.avro.Schema.Field field : avro.getFields()) {
                String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
                builder.field(field.name(), schema(field.schema(), fieldPath));
            }
            if (optional) {
                builder.optional();
            }
            Schema built = builder.build();
            inProgress.remove(fullName);
            records.put(key, built);
            return built;
        }

        Schema schema(org.apache.avro.Schema avro, String path) {
            if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
                List<org.apache.avro.Schema> branches = avro.getTypes();
                long nulls = branches.stream().filter(b -> b.getType() == org.apache.avro.Schema.Type.NULL).count();
                if (branches.size() != 2 || nulls != 1) {
                    throw new DataException("Cannot map field '" + display(path) + "' to Connect: union " + branches
                            + " is not a union of null and one type, which is the only union Connect can represent");
                }
                return required(nonNull(avro), path, true);
            }
            return required(avro, path, false);
        }

        private Schema required(org.apache.avro.Schema avro, String path, boolean optional) {
            if (avro.getType() == org.apache.avro.Schema.Type.RECORD) {
                return record(avro, path, optional);
            }
            SchemaBuilder builder = builder(avro, path);
            if (optional) {
                builder.optional();
            }
            return builder.build();
        }

        private SchemaBuilder builder(org.apache.avro.Schema avro, String path) {
            LogicalType logical = avro.getLogicalType();
            if (logical instanceof LogicalTypes.Decimal decimal) {
                return Decimal.builder(decimal.getScale())
                        .parameter(AvroRecordMapping.PRECISION_PARAMETER, Integer.toString(decimal.getPrecision()));
            }
            if (logical instanceof LogicalTypes.Date) {
                return Date.builder();
            }
            if (logical instanceof LogicalTypes.TimeMillis || logical instanceof LogicalTypes.TimeMicros) {
                return Time.builder();
            }
            if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros
                    || logical instanceof LogicalTypes.LocalTimestampMillis
                    || logical instanceof LogicalTypes.LocalTimestampMicros) {
                return Timestamp.builder();
            }
            switch (avro.getType()) {
                case INT: {
                    String connectType = avro.getProp(AvroRecordMapping.CONNECT_TYPE_PROPERTY);
                    if ("int8".equals(connectType)) {
                        return SchemaBuilder.int8();
                    }
                    if ("int16".equals(connectType)) {
                        return SchemaBuilder.int16();
                    }
                    return SchemaBuilder.int32();
                }
                case LONG:
                    return SchemaBuilder.int64();
                case FLOAT:
                    return SchemaBuilder.float32();
                case DOUBLE:
                    return SchemaBuilder.float64();
                case BOOLEAN:
                    return SchemaBuilder.bool();
                case STRING:
                case ENUM:
                    return SchemaBuilder.string();
                case BYTES:
                case FIXED:
                    return SchemaBuilder.bytes();
                case ARRAY:
                    return SchemaBuilder.array(schema(avro.getElementType(), path + "[]"));
                case MAP:
                    return SchemaBuilder.map(Schema.STRING_SCHEMA, schema(avro.getValueType(), path + "{}"));
                default:
                    throw new DataException("Cannot map field '" + display(path) + "' to Connect: Avro type "
                            + avro.getType() + " has no Connect counterpart");
            }
        }
    }
}
