package io.fsconnect.source.objectstore;

import io.fsconnect.storage.format.DeclaredValueReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One row of a file written by the object-store sink with {@code format.envelope=true}, decoded back
 * into the record it came from: key and value (with the schemas the file keeps — Parquet and Avro keep
 * them, made optional; JSON Lines keeps none, so key and value come back schemaless), headers (typed by
 * {@link HeaderText}), Kafka partition and timestamp. The row's {@code topic} and {@code offset} are not
 * restored: the record goes to the configured topic and gets a new offset there. A row that lacks one of
 * the fields {@code key}, {@code value}, {@code headers}, {@code partition} and {@code timestamp}, or holds
 * one of the wrong kind, is not an envelope ({@link DataException}, a bad record).
 */
record EnvelopeRow(SchemaAndValue key, SchemaAndValue value, ConnectHeaders headers, int partition,
        Optional<Long> timestamp) {

    static final String KEY = "key";
    static final String VALUE = "value";
    static final String HEADERS = "headers";
    static final String PARTITION = "partition";
    static final String TIMESTAMP = "timestamp";
    private static final List<String> REQUIRED = List.of(KEY, VALUE, HEADERS, PARTITION, TIMESTAMP);

    /** Decodes {@code row}, a struct (Parquet, Avro) or a map (JSON Lines). */
    static EnvelopeRow of(SchemaAndValue row) {
        if (row.value() instanceof Struct struct) {
            for (String name : REQUIRED) {
                if (struct.schema().field(name) == null) {
                    throw notAnEnvelope("it has no field '" + name + "'");
                }
            }
            return new EnvelopeRow(typed(struct, KEY), typed(struct, VALUE), headers(struct.get(HEADERS)),
                    partition(struct.get(PARTITION)), timestamp(struct.get(TIMESTAMP)));
        }
        if (row.value() instanceof Map<?, ?> map) {
            for (String name : REQUIRED) {
                if (!map.containsKey(name)) {
                    throw notAnEnvelope("it has no field '" + name + "'");
                }
            }
            return new EnvelopeRow(new SchemaAndValue(null, map.get(KEY)), new SchemaAndValue(null, map.get(VALUE)),
                    headers(map.get(HEADERS)), partition(map.get(PARTITION)), timestamp(map.get(TIMESTAMP)));
        }
        throw notAnEnvelope("it is neither a struct nor a map");
    }

    /** The restored record, for {@code topic}, carrying the given source partition and offset. */
    SourceRecord toRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic) {
        return new SourceRecord(sourcePartition, sourceOffset, topic, partition, key.schema(), key.value(),
                value.schema(), value.value(), timestamp.orElse(null), headers);
    }

    /** A null key or value is restored without a schema, as converters read a null from Kafka. */
    private static SchemaAndValue typed(Struct row, String name) {
        Object value = row.get(name);
        return value == null ? SchemaAndValue.NULL : new SchemaAndValue(row.schema().field(name).schema(), value);
    }

    private static ConnectHeaders headers(Object headers) {
        if (!(headers instanceof List<?> list)) {
            throw notAnEnvelope("field 'headers' is " + kind(headers) + ", not a list");
        }
        ConnectHeaders restored = new ConnectHeaders();
        for (Object header : list) {
            String name;
            Object text;
            Object type;
            if (header instanceof Struct struct) {
                Schema schema = struct.schema();
                name = schema.field("key") == null ? null : struct.getString("key");
                text = schema.field("value") == null ? null : struct.get("value");
                // Files written before header types were kept have no 'type': their headers are text.
                type = schema.field("type") == null ? null : struct.get("type");
            } else if (header instanceof Map<?, ?> map) {
                name = map.get("key") instanceof String key ? key : null;
                text = map.get("value");
                type = map.get("type");
            } else {
                throw notAnEnvelope("a header is " + kind(header) + ", not a {key, value, type} entry");
            }
            if (name == null) {
                throw notAnEnvelope("a header has no key");
            }
            if ((text != null && !(text instanceof String)) || (type != null && !(type instanceof String))) {
                throw notAnEnvelope("header '" + name + "' has a value or type that is not text");
            }
            SchemaAndValue value = HeaderText.restore(name, (String) text, Optional.ofNullable((String) type));
            restored.add(name, value.value(), value.schema());
        }
        return restored;
    }

    private static int partition(Object partition) {
        if (partition instanceof Integer number) {
            return number;
        }
        if (partition instanceof Long number && number >= 0 && number <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw notAnEnvelope("field 'partition' is " + kind(partition) + ", not a partition number");
    }

    private static Optional<Long> timestamp(Object timestamp) {
        if (timestamp == null) {
            return Optional.empty();
        }
        if (timestamp instanceof java.util.Date date) {
            return Optional.of(date.getTime());
        }
        if (timestamp instanceof Long millis) {
            return Optional.of(millis);
        }
        if (timestamp instanceof String text) {
            try {
                return Optional.of(((java.util.Date) DeclaredValueReader.parse(Timestamp.SCHEMA, text)).getTime());
            } catch (DataException e) {
                throw notAnEnvelope("field 'timestamp': " + e.getMessage());
            }
        }
        throw notAnEnvelope("field 'timestamp' is " + kind(timestamp) + ", not a timestamp");
    }

    private static String kind(Object value) {
        return value == null ? "null" : "a " + value.getClass().getSimpleName();
    }

    private static DataException notAnEnvelope(String reason) {
        return new DataException("the row is not a record envelope (as the sink writes with format.envelope=true): "
                + reason);
    }
}
