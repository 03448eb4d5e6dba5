package io.fsconnect.source.objectstore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns one value read from a file into the record of a feature-group topic: the primary-key columns
 * become the key (a struct of those fields, or for schemaless values a map of them), the event-time
 * column becomes the record timestamp, the topic is the fixed one or the template's for the object, and the
 * offset says where to resume. A value that lacks a key
 * column or the event time is a bad record ({@link DataException}), since a feature-group record
 * without its entity or its time would be silently wrong downstream. Built {@link #restoringEnvelopes}, it
 * instead restores the record each value holds as an {@link EnvelopeRow}.
 */
final class SourceRecordBuilder {

    private final String storeId;
    private final TopicTemplate topics;
    private final List<String> keyColumns;
    private final Optional<String> eventTimeColumn;
    private final boolean envelopes;
    private final Map<Schema, Schema> keySchemas = new HashMap<>();
    // Every record of an object shares one partition map, and every record of a file one value schema: remembering
    // the last of each spares a map per record and a schema hash (which walks every field) per record.
    private SourceObject partitionObject;
    private Map<String, Object> partition;
    private Schema lastValueSchema;
    private Schema lastKeySchema;

    SourceRecordBuilder(String storeId, TopicTemplate topics, List<String> keyColumns,
            Optional<String> eventTimeColumn) {
        this(storeId, topics, keyColumns, eventTimeColumn, false);
    }

    private SourceRecordBuilder(String storeId, TopicTemplate topics, List<String> keyColumns,
            Optional<String> eventTimeColumn, boolean envelopes) {
        this.storeId = storeId;
        this.topics = topics;
        this.keyColumns = List.copyOf(keyColumns);
        this.eventTimeColumn = eventTimeColumn;
        this.envelopes = envelopes;
    }

    /** A builder for {@code input.envelope=true}: every value is a record envelope written by the sink. */
    static SourceRecordBuilder restoringEnvelopes(String storeId, TopicTemplate topics) {
        return new SourceRecordBuilder(storeId, topics, List.of(), Optional.empty(), true);
    }

    SourceRecord build(SourceObject object, SchemaAndValue value, ObjectOffset offset) {
        Map<String, Object> partition = partitionOf(object);
        String topic = topics.topicFor(object.key());
        if (envelopes) {
            return EnvelopeRow.of(value).toRecord(partition, offset.toMap(), topic);
        }
        Long timestamp = eventTimeColumn.map(column -> eventTime(value, column)).orElse(null);
        if (keyColumns.isEmpty()) {
            return new SourceRecord(partition, offset.toMap(), topic, null, null, null, value.schema(), value.value(),
                    timestamp);
        }
        if (value.value() instanceof Struct struct) {
            Schema keySchema = keySchemaFor(struct.schema());
            Struct key = new Struct(keySchema);
            for (Field field : keySchema.fields()) {
                key.put(field, struct.get(field.name()));
            }
            return new SourceRecord(partition, offset.toMap(), topic, null, keySchema, key, value.schema(),
                    value.value(), timestamp);
        }
        Map<?, ?> map = asMap(value);
        Map<String, Object> key = new HashMap<>();
        for (String column : keyColumns) {
            if (!map.containsKey(column)) {
                throw new DataException("key column '" + column + "' is missing");
            }
            key.put(column, map.get(column));
        }
        return new SourceRecord(partition, offset.toMap(), topic, null, null, key, null, value.value(), timestamp);
    }

    private Map<String, Object> partitionOf(SourceObject object) {
        if (object != partitionObject) {
            partition = object.partition(storeId);
            partitionObject = object;
        }
        return partition;
    }

    private Schema keySchemaFor(Schema valueSchema) {
        if (valueSchema != lastValueSchema) {
            lastKeySchema = keySchemas.computeIfAbsent(valueSchema, this::keySchema);
            lastValueSchema = valueSchema;
        }
        return lastKeySchema;
    }

    private Schema keySchema(Schema valueSchema) {
        SchemaBuilder builder = SchemaBuilder.struct();
        for (String column : keyColumns) {
            Field field = valueSchema.field(column);
            if (field == null) {
                throw new DataException("key column '" + column + "' is not in the file's schema " + fieldNames(valueSchema));
            }
            builder.field(column, field.schema());
        }
        return builder.build();
    }

    private static long eventTime(SchemaAndValue value, String column) {
        Object time;
        if (value.value() instanceof Struct struct) {
            if (struct.schema().field(column) == null) {
                throw new DataException("event time column '" + column + "' is not in the file's schema "
                        + fieldNames(struct.schema()));
            }
            time = struct.get(column);
        } else {
            time = asMap(value).get(column);
        }
        if (time == null) {
            throw new DataException("event time column '" + column + "' is null");
        }
        if (time instanceof java.util.Date date) {
            return date.getTime();
        }
        if (time instanceof Long || time instanceof Integer) {
            return ((Number) time).longValue();
        }
        if (time instanceof String text) {
            try {
                return ((java.util.Date) io.fsconnect.storage.format.DeclaredValueReader.parse(Timestamp.SCHEMA, text))
                        .getTime();
            } catch (DataException e) {
                throw new DataException("event time column '" + column + "': " + e.getMessage());
            }
        }
        throw new DataException("event time column '" + column + "' holds a " + time.getClass().getSimpleName()
                + ", not a timestamp, date or epoch milliseconds");
    }

    private static Map<?, ?> asMap(SchemaAndValue value) {
        if (value.value() instanceof Map<?, ?> map) {
            return map;
        }
        throw new DataException("the record is neither a struct nor a map, so it has no columns");
    }

    private static List<String> fieldNames(Schema schema) {
        return schema.fields().stream().map(Field::name).toList();
    }
}
