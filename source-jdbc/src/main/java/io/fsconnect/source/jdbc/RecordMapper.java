package io.fsconnect.source.jdbc;

import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a row into a {@link SourceRecord}: the row struct as value, a struct of the
 * {@code primary.key.columns} as key (same field schemas as in the value), and the
 * {@code event.time.column} as record timestamp. Construction checks that the named columns exist and
 * have usable types, so a misnamed column fails before any record is produced. A NULL event time
 * fails the task naming the row: a record without its event time would silently break point-in-time
 * joins downstream.
 */
public final class RecordMapper {

    private final SourceSpec source;
    /** The same for every record of the source; built once because a query's id is a hash of its SQL. */
    private final Map<String, String> sourcePartition;
    private final String topic;
    private final Optional<Schema> keySchema;
    /** For each field of the key, the field of the row struct it is copied from. */
    private final List<Field> keySources;
    private final Optional<Field> eventTimeField;
    /** The offset of the previous record and its map: rows that leave the offset unchanged share one map. */
    private JdbcOffset lastOffset;
    private Map<String, ?> lastOffsetMap;

    /**
     * @throws ConnectException naming the config key and column when a named column is missing or unusable
     */
    public RecordMapper(RowSchema rows, SourceSpec source, String topic, List<String> keyColumns,
                        Optional<String> eventTimeColumn) {
        this.source = source;
        this.sourcePartition = Collections.unmodifiableMap(source.partition().toMap());
        this.topic = topic;
        this.keySchema = keyColumns.isEmpty() ? Optional.empty() : Optional.of(keySchema(rows, keyColumns));
        this.keySources = keyColumns.stream().map(name -> rows.valueSchema().field(name)).toList();
        eventTimeColumn.ifPresent(name -> checkEventTimeType(rows, name));
        this.eventTimeField = eventTimeColumn.map(name -> rows.valueSchema().field(name));
    }

    private Schema keySchema(RowSchema rows, List<String> keyColumns) {
        SchemaBuilder key = SchemaBuilder.struct();
        for (String name : keyColumns) {
            Column column = require(rows, name, JdbcSourceConfig.PRIMARY_KEY_COLUMNS);
            key.field(name, column.schema());
        }
        return key.build();
    }

    private void checkEventTimeType(RowSchema rows, String name) {
        Column column = require(rows, name, JdbcSourceConfig.EVENT_TIME_COLUMN);
        Schema schema = column.schema();
        boolean temporal = Timestamp.LOGICAL_NAME.equals(schema.name())
            || org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(schema.name());
        boolean integral = schema.name() == null && switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> true;
            default -> false;
        };
        if (!temporal && !integral) {
            throw new ConnectException("Cannot use column '" + name + "' of " + source.describe() + " as "
                + JdbcSourceConfig.EVENT_TIME_COLUMN + ": its type " + column.databaseType()
                + " is not TIMESTAMP, DATE or an integer type (epoch milliseconds); name another column or "
                + "CAST it in the query");
        }
    }

    private Column require(RowSchema rows, String name, String key) {
        return rows.column(name).orElseThrow(() -> new ConnectException("Cannot find column '" + name
            + "' named in " + key + " in the result of " + source.describe() + ": its columns are "
            + rows.columnNames() + "; column names must match exactly, including case"));
    }

    /** The record for {@code row}, carrying {@code offset} as its source offset. */
    public SourceRecord toRecord(Struct row, JdbcOffset offset, long rowNumber) {
        Struct key = keySchema.isPresent() ? keyOf(keySchema.get(), row) : null;
        Long timestamp = eventTimeField.isPresent() ? eventTime(row, eventTimeField.get(), key, rowNumber) : null;
        return new SourceRecord(sourcePartition, offsetMap(offset), topic, null,
            keySchema.orElse(null), key, row.schema(), row, timestamp);
    }

    /** The stored form of {@code offset}, built again only when it differs from the previous record's. */
    private Map<String, ?> offsetMap(JdbcOffset offset) {
        if (!offset.equals(lastOffset)) {
            Map<String, Object> map = offset.toMap();
            map.putAll(source.offsetFields());
            lastOffsetMap = Collections.unmodifiableMap(map);
            lastOffset = offset;
        }
        return lastOffsetMap;
    }

    private Struct keyOf(Schema schema, Struct row) {
        Struct key = new Struct(schema);
        List<Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            key.put(fields.get(i), row.get(keySources.get(i)));
        }
        return key;
    }

    private long eventTime(Struct row, Field field, Struct key, long rowNumber) {
        Object value = row.get(field);
        if (value == null) {
            String column = field.name();
            throw new ConnectException("Cannot set the record timestamp of " + describeRow(key, rowNumber) + " of "
                + source.describe() + ": its " + JdbcSourceConfig.EVENT_TIME_COLUMN + " '" + column
                + "' is NULL; filter such rows out or COALESCE the column in a query");
        }
        return value instanceof Date date ? date.getTime() : ((Number) value).longValue();
    }

    private static String describeRow(Struct key, long rowNumber) {
        return key != null ? "the row with key " + key : "row " + rowNumber + " of the cycle";
    }

}
