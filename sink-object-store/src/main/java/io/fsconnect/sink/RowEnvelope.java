package io.fsconnect.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a record into the row written for it: its value alone, or, with {@code format.envelope=true}, a
 * row with the fields {@code key}, {@code value}, {@code headers} (a list of {@code {key, value, type}}:
 * the value as Connect's {@link Values#convertToString} text, binary as base64, and the type of the header's
 * schema as {@link #headerType} names it, so that a reader can restore typed headers), {@code topic},
 * {@code partition}, {@code offset} and {@code timestamp}. When the key and the
 * value both have schemas (or are null) the envelope is a struct whose schema embeds theirs, made
 * optional; otherwise it is a schemaless map, which only text formats write. The envelope schema is
 * built once per pair of key and value schemas. Used by one task thread.
 */
final class RowEnvelope {

    static final String KEY = "key";
    static final String VALUE = "value";
    static final String HEADERS = "headers";
    static final String TOPIC = "topic";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    static final String TIMESTAMP = "timestamp";

    static final Schema HEADER_SCHEMA = SchemaBuilder.struct().name("io.fsconnect.sink.Header")
            .field("key", Schema.STRING_SCHEMA)
            .field("value", Schema.OPTIONAL_STRING_SCHEMA)
            // Optional and last, so that rows written before it existed still read as headers.
            .field("type", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema HEADERS_SCHEMA = SchemaBuilder.array(HEADER_SCHEMA).build();
    private static final Schema OPTIONAL_TIMESTAMP = Timestamp.builder().optional().build();
    /** The column type of a null key or value that has no schema: nothing is known of it. */
    private static final Schema UNKNOWN = Schema.OPTIONAL_STRING_SCHEMA;

    private final boolean enabled;
    private Schema lastKeySchema;
    private Schema lastValueSchema;
    private Schema lastEnvelope;

    RowEnvelope(boolean enabled) {
        this.enabled = enabled;
    }

    Row row(SinkRecord record) {
        if (!enabled) {
            return new Row(Optional.ofNullable(record.valueSchema()), record.value());
        }
        boolean keyTyped = record.keySchema() != null || record.key() == null;
        boolean valueTyped = record.valueSchema() != null || record.value() == null;
        if (keyTyped && valueTyped) {
            Schema schema = envelopeSchema(orUnknown(record.keySchema()), orUnknown(record.valueSchema()));
            Struct row = new Struct(schema)
                    .put(KEY, inSchema(schema.field(KEY).schema(), record.key()))
                    .put(VALUE, inSchema(schema.field(VALUE).schema(), record.value()))
                    .put(HEADERS, headers(record))
                    .put(TOPIC, record.topic())
                    .put(PARTITION, record.kafkaPartition())
                    .put(OFFSET, record.kafkaOffset())
                    .put(TIMESTAMP, record.timestamp() == null ? null : new java.util.Date(record.timestamp()));
            return new Row(Optional.of(schema), row);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(KEY, record.key());
        row.put(VALUE, record.value());
        List<Map<String, Object>> headers = new ArrayList<>();
        for (Struct header : headers(record)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", header.get("key"));
            entry.put("value", header.get("value"));
            entry.put("type", header.get("type"));
            headers.add(entry);
        }
        row.put(HEADERS, headers);
        row.put(TOPIC, record.topic());
        row.put(PARTITION, record.kafkaPartition());
        row.put(OFFSET, record.kafkaOffset());
        row.put(TIMESTAMP, record.timestamp() == null ? null : new java.util.Date(record.timestamp()));
        return new Row(Optional.empty(), row);
    }

    /** A struct re-created in the optional copy of its schema, which Connect treats as another schema. */
    private static Object inSchema(Schema target, Object value) {
        if (!(value instanceof Struct struct) || struct.schema() == target) {
            return value;
        }
        Struct copy = new Struct(target);
        for (Field field : struct.schema().fields()) {
            copy.put(field.name(), struct.get(field));
        }
        return copy;
    }

    private static Schema orUnknown(Schema schema) {
        return schema == null ? UNKNOWN : schema;
    }

    private Schema envelopeSchema(Schema keySchema, Schema valueSchema) {
        if (keySchema == lastKeySchema && valueSchema == lastValueSchema) {
            return lastEnvelope;
        }
        Schema envelope = SchemaBuilder.struct().name("io.fsconnect.sink.Envelope")
                .field(KEY, optional(keySchema))
                .field(VALUE, optional(valueSchema))
                .field(HEADERS, HEADERS_SCHEMA)
                .field(TOPIC, Schema.STRING_SCHEMA)
                .field(PARTITION, Schema.INT32_SCHEMA)
                .field(OFFSET, Schema.INT64_SCHEMA)
                .field(TIMESTAMP, OPTIONAL_TIMESTAMP)
                .build();
        lastKeySchema = keySchema;
        lastValueSchema = valueSchema;
        lastEnvelope = envelope;
        return envelope;
    }

    private static List<Struct> headers(SinkRecord record) {
        List<Struct> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            String text = header.value() == null ? null : Values.convertToString(header.schema(), header.value());
            headers.add(new Struct(HEADER_SCHEMA).put("key", header.key()).put("value", text)
                    .put("type", headerType(header.schema()).orElse(null)));
        }
        return headers;
    }

    /**
     * The name under which a header's schema type is kept: {@code date}, {@code time}, {@code timestamp} and
     * {@code decimal(<scale>)} for Connect's logical types, otherwise the schema type in lower case
     * ({@code string}, {@code int32}, {@code bytes}, {@code map}, ...) — the type names of the source
     * connector's {@code input.columns}, which restores typed headers from them. No schema, no type.
     */
    static Optional<String> headerType(Schema schema) {
        if (schema == null) {
            return Optional.empty();
        }
        String logical = schema.name() == null ? "" : schema.name();
        switch (logical) {
            case Date.LOGICAL_NAME:
                return Optional.of("date");
            case Time.LOGICAL_NAME:
                return Optional.of("time");
            case Timestamp.LOGICAL_NAME:
                return Optional.of("timestamp");
            case Decimal.LOGICAL_NAME:
                return Optional.of("decimal(" + schema.parameters().get(Decimal.SCALE_FIELD) + ")");
            default:
                return Optional.of(schema.type().getName());
        }
    }

    /** The same schema, optional: a tombstone has no value and some records have no key. */
    static Schema optional(Schema schema) {
        if (schema.isOptional()) {
            return schema;
        }
        SchemaBuilder builder;
        switch (schema.type()) {
            case STRUCT:
                builder = SchemaBuilder.struct();
                for (Field field : schema.fields()) {
                    builder.field(field.name(), field.schema());
                }
                break;
            case ARRAY:
                builder = SchemaBuilder.array(schema.valueSchema());
                break;
            case MAP:
                builder = SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
                break;
            default:
                builder = SchemaBuilder.type(schema.type());
                break;
        }
        builder.name(schema.name()).version(schema.version()).doc(schema.doc());
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        return builder.optional().build();
    }
}
