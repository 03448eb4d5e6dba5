package io.fsconnect.sink;

import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Says why a record's value cannot become a row (file formats need a struct with a schema), in words
 * that tell the user what to set.
 */
final class WritableValue {

    private static final String DLQ_HINT = "; or set errors.tolerance=all and errors.deadletterqueue.topic.name to"
            + " send such records to a dead-letter queue";

    private WritableValue() {
    }

    /** Empty if the value can be written, otherwise the reason. */
    static Optional<String> problem(SinkRecord record) {
        if (record.value() == null) {
            return Optional.of("the value is null (a tombstone) and a file row needs a value; drop tombstones with"
                    + " the Filter transform and the RecordIsTombstone predicate" + DLQ_HINT);
        }
        if (record.valueSchema() == null) {
            return Optional.of("the value has no schema; set value.converter.schemas.enable=true for JsonConverter"
                    + " (and produce {\"schema\":...,\"payload\":...} envelopes) or use a converter that supplies"
                    + " schemas" + DLQ_HINT);
        }
        if (record.valueSchema().type() != Schema.Type.STRUCT || !(record.value() instanceof Struct)) {
            return Optional.of("the value schema is " + record.valueSchema().type() + " but only STRUCT values can be"
                    + " written as rows; wrap the value with the HoistField transform" + DLQ_HINT);
        }
        return Optional.empty();
    }
}
