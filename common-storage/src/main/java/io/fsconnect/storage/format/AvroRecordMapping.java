package io.fsconnect.storage.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Maps one Connect {@code STRUCT} schema to an Avro record schema, and values of that schema to Avro
 * {@link GenericRecord}s. Primitive types map to their Avro counterparts ({@code INT8}/{@code INT16}
 * widen to {@code int}, marked with a {@code connect.type} property); optional schemas become unions
 * with {@code null} that default to null; {@code Decimal} becomes the {@code decimal} logical type
 * (precision from the {@code connect.decimal.precision} parameter, else {@value #DEFAULT_DECIMAL_PRECISION})
 * as bytes or fixed; {@code Date}, {@code Time} and {@code Timestamp} become {@code date},
 * {@code time-millis} and {@code timestamp-millis}; structs become records, arrays arrays, and maps
 * with string keys Avro maps. Field names must already be valid Avro names: renaming silently would
 * change the columns users query. An instance is immutable and thread-safe.
 */
public final class AvroRecordMapping {

    /** Precision given to a Connect Decimal that does not state one; the widest most engines read. */
    public static final int DEFAULT_DECIMAL_PRECISION = 38;

    /**
     * The Avro data model for values in Avro's raw representation, without logical-type conversions: this mapping
     * and AvroToConnect apply logical types themselves. One shared instance, because building one looks up
     * conversion services through the class loader, which costs noticeably when done for every file; it holds no
     * per-file state and is safe to share between threads.
     */
    public static final GenericData RAW_DATA_MODEL = new GenericData();

    static final String PRECISION_PARAMETER = "connect.decimal.precision";
    static final String CONNECT_TYPE_PROPERTY = "connect.type";
    private static final String DEFAULT_RECORD_NAME = "ConnectRecord";
    private static final Pattern AVRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Schema connectSchema;
    private final org.apache.avro.Schema avroSchema;

    private AvroRecordMapping(Schema connectSchema, org.apache.avro.Schema avroSchema) {
        this.connectSchema = connectSchema;
        this.avroSchema = avroSchema;
    }

    /**
     * Builds the mapping for {@code connectSchema}, which must be a {@code STRUCT}.
     *
     * @throws DataException naming the field if some part of the schema has no Avro representation
     */
    public static AvroRecordMapping of(Schema connectSchema, DecimalEncoding decimals) {
        Objects.requireNonNull(connectSchema, "connectSchema");
        Objects.requireNonNull(decimals, "decimals");
        if (connectSchema.type() != Schema.Type.STRUCT) {
            throw new DataException("Cannot map schema " + describe(connectSchema) + " to an Avro record: only "
                    + "STRUCT schemas can be written as records");
        }
        org.apache.avro.Schema avro = new SchemaBuilder(decimals).record(connectSchema, DEFAULT_RECORD_NAME, "");
        return new AvroRecordMapping(connectSchema, avro);
    }

    /**
     * The error for a schemaless value given to a format that needs a schema, saying what to set.
     *
     * @param formatName the format as users name it, e.g. {@code Parquet}
     */
    public static DataException missingSchema(String formatName) {
        return new DataException("Cannot write a schemaless value as " + formatName + ": the format needs a value"
                + " schema; set value.converter.schemas.enable=true for JsonConverter (and produce"
                + " {\"schema\":...,\"payload\":...} envelopes), use a converter that supplies schemas, or write"
                + " JSON Lines, CSV or TSV, which take schemaless values");
    }

    /** The Avro record schema. */
    public org.apache.avro.Schema avroSchema() {
        return avroSchema;
    }

    /** The Connect schema this mapping was built from. */
    public Schema connectSchema() {
        return connectSchema;
    }

    /**
     * Converts a Connect value of the mapped schema to an Avro record.
     *
     * @throws DataException naming the field if a value cannot be represented
     */
    public GenericRecord toAvro(Struct value) {
        Objects.requireNonNull(value, "value");
        return (GenericRecord) convert(connectSchema, avroSchema, value, "");
    }

    private static Object convert(Schema schema, org.apache.avro.Schema avro, Object value, String path) {
        if (value == null) {
            if (!schema.isOptional()) {
                throw new DataException("Cannot write field '" + display(path) + "': it is null but its schema is"
                        + " not optional");
            }
            return null;
        }
        // A record's value (the top level) is never null here, so its optional schema maps to a plain record, not a
        // union: only unions have a branch to pick.
        org.apache.avro.Schema target = avro.getType() == org.apache.avro.Schema.Type.UNION ? nonNullBranch(avro) : avro;
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME:
                    return decimal(schema, target, (BigDecimal) value, path);
                case Date.LOGICAL_NAME:
                    return (int) Math.floorDiv(((java.util.Date) value).getTime(), 86_400_000L);
                case Time.LOGICAL_NAME:
                    return (int) Math.floorMod(((java.util.Date) value).getTime(), 86_400_000L);
                case Timestamp.LOGICAL_NAME:
                    return ((java.util.Date) value).getTime();
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case INT8:
                return ((Byte) value).intValue();
            case INT16:
                return ((Short) value).intValue();
            case INT32:
            case INT64:
            case FLOAT32:
            case FLOAT64:
            case BOOLEAN:
            case STRING:
                return value;
            case BYTES:
                return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : ((ByteBuffer) value).duplicate();
            case ARRAY: {
                List<?> list = (List<?>) value;
                List<Object> out = new ArrayList<>(list.size());
                for (Object element : list) {
                    out.add(convert(schema.valueSchema(), target.getElementType(), element, path + "[]"));
                }
                return out;
            }
            case MAP: {
                Map<?, ?> map = (Map<?, ?>) value;
                Map<String, Object> out = new LinkedHashMap<>(Math.max(16, map.size() * 2));
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (entry.getKey() == null) {
                        throw new DataException("Cannot write field '" + display(path) + "': map has a null key,"
                                + " which Avro maps cannot hold");
                    }
                    out.put((String) entry.getKey(),
                            convert(schema.valueSchema(), target.getValueType(), entry.getValue(), path + "{}"));
                }
                return out;
            }
            case STRUCT: {
                Struct struct = (Struct) value;
                GenericData.Record record = new GenericData.Record(target);
                for (Field field : schema.fields()) {
                    org.apache.avro.Schema.Field avroField = target.getField(field.name());
                    record.put(avroField.pos(), convert(field.schema(), avroField.schema(), struct.get(field),
                            path.isEmpty() ? field.name() : path + "." + field.name()));
                }
                return record;
            }
            default:
                throw new DataException("Cannot write field '" + display(path) + "': unsupported type " + schema.type());
        }
    }

    private static Object decimal(Schema schema, org.apache.avro.Schema target, BigDecimal value, String path) {
        LogicalTypes.Decimal type = (LogicalTypes.Decimal) target.getLogicalType();
        BigDecimal scaled;
        try {
            scaled = value.setScale(type.getScale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new DataException("Cannot write decimal " + value.toPlainString() + " in field '" + display(path)
                    + "': its scale " + value.scale() + " does not fit the schema's scale " + type.getScale());
        }
        BigInteger unscaled = scaled.unscaledValue();
        if (unscaled.abs().toString().length() > type.getPrecision()) {
            throw new DataException("Cannot write decimal " + value.toPlainString() + " in field '" + display(path)
                    + "': it has more digits than the precision " + type.getPrecision() + "; set the schema"
                    + " parameter " + PRECISION_PARAMETER + " to the column's real precision");
        }
        byte[] bytes = unscaled.toByteArray();
        if (target.getType() == org.apache.avro.Schema.Type.BYTES) {
            return ByteBuffer.wrap(bytes);
        }
        byte[] fixed = new byte[target.getFixedSize()];
        // Big-endian two's complement: sign-extend into the leading bytes.
        byte pad = unscaled.signum() < 0 ? (byte) 0xFF : 0;
        int offset = fixed.length - bytes.length;
        for (int i = 0; i < offset; i++) {
            fixed[i] = pad;
        }
        System.arraycopy(bytes, 0, fixed, offset, bytes.length);
        return new GenericData.Fixed(target, fixed);
    }

    private static org.apache.avro.Schema nonNullBranch(org.apache.avro.Schema union) {
        return union.getTypes().get(1);
    }

    private static String display(String path) {
        return path.isEmpty() ? "<root>" : path;
    }

    private static String describe(Schema schema) {
        return schema.name() != null ? schema.name() + " (" + schema.type() + ")" : schema.type().toString();
    }

    /** Builds Avro schemas, keeping record and fixed names unique within one top-level schema. */
    private static final class SchemaBuilder {

        private final DecimalEncoding decimals;
        private final Map<String, Schema> connectByName = new HashMap<>();
        private final Map<String, org.apache.avro.Schema> avroByName = new HashMap<>();

        SchemaBuilder(DecimalEncoding decimals) {
            this.decimals = decimals;
        }

        org.apache.avro.Schema record(Schema schema, String fallbackName, String path) {
            String fullName = schema.name() != null ? avroFullName(schema.name()) : fallbackName;
            String unique = uniqueName(fullName, schema);
            if (avroByName.containsKey(unique)) {
                return avroByName.get(unique);
            }
            int dot = unique.lastIndexOf('.');
            String namespace = dot < 0 ? null : unique.substring(0, dot);
            String simpleName = unique.substring(dot + 1);
            org.apache.avro.Schema record = org.apache.avro.Schema.createRecord(simpleName, schema.doc(), namespace,
                    false);
            connectByName.put(unique, schema);
            avroByName.put(unique, record);
            List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
            for (Field field : schema.fields()) {
                String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
                if (!AVRO_NAME.matcher(field.name()).matches()) {
                    throw new DataException("Cannot map field '" + fieldPath + "' to Avro: the name is not a valid"
                            + " Avro name ([A-Za-z_][A-Za-z0-9_]*); rename it, e.g. with the ReplaceField transform");
                }
                org.apache.avro.Schema fieldSchema = schema(field.schema(), simpleName + "_" + field.name(), fieldPath);
                Object defaultValue = field.schema().isOptional() ? JsonProperties.NULL_VALUE : null;
                fields.add(new org.apache.avro.Schema.Field(field.name(), fieldSchema, field.schema().doc(),
                        defaultValue));
            }
            record.setFields(fields);
            return record;
        }

        org.apache.avro.Schema schema(Schema schema, String nameHint, String path) {
            org.apache.avro.Schema base = required(schema, nameHint, path);
            if (!schema.isOptional()) {
                return base;
            }
            return org.apache.avro.Schema.createUnion(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL),
                    base);
        }

        private org.apache.avro.Schema required(Schema schema, String nameHint, String path) {
            if (schema.name() != null) {
                switch (schema.name()) {
                    case Decimal.LOGICAL_NAME:
                        return decimal(schema, nameHint, path);
                    case Date.LOGICAL_NAME:
                        return LogicalTypes.date().addToSchema(primitive(org.apache.avro.Schema.Type.INT));
                    case Time.LOGICAL_NAME:
                        return LogicalTypes.timeMillis().addToSchema(primitive(org.apache.avro.Schema.Type.INT));
                    case Timestamp.LOGICAL_NAME:
                        return LogicalTypes.timestampMillis().addToSchema(primitive(org.apache.avro.Schema.Type.LONG));
                    default:
                        break;
                }
            }
            switch (schema.type()) {
                case INT8: {
                    org.apache.avro.Schema avro = primitive(org.apache.avro.Schema.Type.INT);
                    avro.addProp(CONNECT_TYPE_PROPERTY, "int8");
                    return avro;
                }
                case INT16: {
                    org.apache.avro.Schema avro = primitive(org.apache.avro.Schema.Type.INT);
                    avro.addProp(CONNECT_TYPE_PROPERTY, "int16");
                    return avro;
                }
                case INT32:
                    return primitive(org.apache.avro.Schema.Type.INT);
                case INT64:
                    return primitive(org.apache.avro.Schema.Type.LONG);
                case FLOAT32:
                    return primitive(org.apache.avro.Schema.Type.FLOAT);
                case FLOAT64:
                    return primitive(org.apache.avro.Schema.Type.DOUBLE);
                case BOOLEAN:
                    return primitive(org.apache.avro.Schema.Type.BOOLEAN);
                case STRING:
                    return primitive(org.apache.avro.Schema.Type.STRING);
                case BYTES:
                    return primitive(org.apache.avro.Schema.Type.BYTES);
                case ARRAY:
                    return org.apache.avro.Schema.createArray(schema(schema.valueSchema(), nameHint, path + "[]"));
                case MAP:
                    if (schema.keySchema().type() != Schema.Type.STRING) {
                        throw new DataException("Cannot map field '" + display(path) + "' to Avro: map keys are "
                                + schema.keySchema().type() + " but only STRING keys are supported");
                    }
                    return org.apache.avro.Schema.createMap(schema(schema.valueSchema(), nameHint, path + "{}"));
                case STRUCT:
                    return record(schema, nameHint, path);
                default:
                    throw new DataException("Cannot map field '" + display(path) + "' to Avro: unsupported type "
                            + schema.type());
            }
        }

        private org.apache.avro.Schema decimal(Schema schema, String nameHint, String path) {
            String scaleText = schema.parameters() == null ? null : schema.parameters().get(Decimal.SCALE_FIELD);
            if (scaleText == null) {
                throw new DataException("Cannot map field '" + display(path) + "' to Avro: the Decimal schema has no"
                        + " '" + Decimal.SCALE_FIELD + "' parameter");
            }
            int scale = Integer.parseInt(scaleText);
            String precisionText = schema.parameters().get(PRECISION_PARAMETER);
            int precision = precisionText == null ? Math.max(DEFAULT_DECIMAL_PRECISION, scale)
                    : Integer.parseInt(precisionText);
            LogicalTypes.Decimal type = LogicalTypes.decimal(precision, scale);
            if (decimals == DecimalEncoding.BYTES) {
                return type.addToSchema(primitive(org.apache.avro.Schema.Type.BYTES));
            }
            String name = uniqueName("decimal_" + precision + "_" + scale, schema);
            org.apache.avro.Schema known = avroByName.get(name);
            if (known != null) {
                return known;
            }
            org.apache.avro.Schema fixed = org.apache.avro.Schema.createFixed(name, null, null, fixedSize(precision));
            type.addToSchema(fixed);
            connectByName.put(name, schema);
            avroByName.put(name, fixed);
            return fixed;
        }

        /** Reuses a name for an identical schema, and numbers it apart for a different one. */
        private String uniqueName(String wanted, Schema schema) {
            String candidate = wanted;
            for (int n = 2; connectByName.containsKey(candidate); n++) {
                if (sameShape(connectByName.get(candidate), schema)) {
                    return candidate;
                }
                candidate = wanted + "_" + n;
            }
            return candidate;
        }

        private static boolean sameShape(Schema a, Schema b) {
            return a.equals(b) || (a.type() == b.type() && Objects.equals(a.name(), b.name())
                    && a.type() != Schema.Type.STRUCT && Objects.equals(a.parameters(), b.parameters()));
        }

        /** Record names are not columns, so unlike field names they can be made valid quietly. */
        private static String avroFullName(String connectName) {
            StringBuilder out = new StringBuilder();
            for (String segment : connectName.split("\\.", -1)) {
                String valid = segment.replaceAll("[^A-Za-z0-9_]", "_");
                if (valid.isEmpty() || !Character.isLetter(valid.charAt(0)) && valid.charAt(0) != '_') {
                    valid = "_" + valid;
                }
                out.append(out.length() == 0 ? "" : ".").append(valid);
            }
            return out.toString();
        }

        private static org.apache.avro.Schema primitive(org.apache.avro.Schema.Type type) {
            return org.apache.avro.Schema.create(type);
        }

        private static int fixedSize(int precision) {
            BigInteger limit = BigInteger.TEN.pow(precision);
            int size = 1;
            while (BigInteger.TWO.pow(8 * size - 1).compareTo(limit) < 0) {
                size++;
            }
            return size;
        }
    }
}
