package io.fsconnect.sink;

import io.fsconnect.storage.format.RecordFormat;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Says why a row cannot be written in the chosen format (row formats need structs; Parquet and Avro need
 * a schema), in words that tell the user what to set. Null values are decided by
 * {@code behavior.on.null.values} before this is asked.
 */
final class WritableValue {

    static final String DLQ_HINT = "; or set errors.tolerance=all and errors.deadletterqueue.topic.name to"
            + " send such records to a dead-letter queue";

    private WritableValue() {
    }

    /** Empty if the row can be written, otherwise the reason. */
    static Optional<String> problem(Row row, RecordFormat format, boolean columnar) {
        if (row.value() == null) {
            return Optional.empty();
        }
        if (row.schema().isEmpty()) {
            if (!format.requiresSchema()) {
                return Optional.empty();
            }
            return Optional.of("the value has no schema; set value.converter.schemas.enable=true for JsonConverter"
                    + " (and produce {\"schema\":...,\"payload\":...} envelopes), use a converter that supplies"
                    + " schemas, or use format=json, csv or tsv, which write schemaless values" + DLQ_HINT);
        }
        Schema schema = row.schema().get();
        if (columnar && (schema.type() != Schema.Type.STRUCT || !(row.value() instanceof Struct))) {
            return Optional.of("the value schema is " + schema.type() + " but only STRUCT values can be"
                    + " written as rows; wrap the value with the HoistField transform" + DLQ_HINT);
        }
        return Optional.empty();
    }

    /** Why a null value (tombstone) is refused under {@code behavior.on.null.values=fail}. */
    static String nullValue() {
        return "the value is null (a tombstone) and behavior.on.null.values=fail; set it to ignore to skip"
                + " tombstones, or to write with format=json or format.envelope=true to keep them" + DLQ_HINT;
    }
}
