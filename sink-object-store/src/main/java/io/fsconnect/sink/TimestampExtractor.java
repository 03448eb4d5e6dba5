package io.fsconnect.sink;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a record's time comes from, for time-based partitioning and record-time rotation
 * ({@code timestamp.extractor}): the Kafka record timestamp, a field of the value, or the wall clock.
 * Only the wall clock makes output depend on when records are processed.
 */
sealed interface TimestampExtractor {

    /**
     * The record's time.
     *
     * @throws DataException naming the record's field if the record has no usable time
     */
    Instant extract(SinkRecord record, Instant now);

    /** Whether the result depends on the wall clock, which makes file layout differ between replays. */
    default boolean usesWallClock() {
        return false;
    }

    /** The Kafka record timestamp ({@code Record}). */
    record RecordTimestamp() implements TimestampExtractor {
        @Override
        public Instant extract(SinkRecord record, Instant now) {
            if (record.timestamp() == null) {
                throw new DataException("Cannot take the time of the record: it has no Kafka timestamp; set"
                        + " timestamp.extractor=RecordField with timestamp.field, or Wallclock");
            }
            return Instant.ofEpochMilli(record.timestamp());
        }
    }

    /**
     * A field of the value ({@code RecordField}): a Connect {@code Timestamp}, epoch milliseconds as a
     * number, or ISO-8601 instant text such as {@code 2024-02-29T13:14:15Z}.
     */
    record FieldTimestamp(FieldPath field) implements TimestampExtractor {
        @Override
        public Instant extract(SinkRecord record, Instant now) {
            Object value = field.read(record.value()).orElseThrow(() -> new DataException("Cannot take the time"
                    + " of the record from field '" + field.path() + "': it is missing or null"));
            if (value instanceof java.util.Date date) {
                return date.toInstant();
            }
            if (value instanceof Long || value instanceof Integer) {
                return Instant.ofEpochMilli(((Number) value).longValue());
            }
            if (value instanceof String text) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw new DataException("Cannot take the time of the record from field '" + field.path()
                            + "': '" + text + "' is not an ISO-8601 instant such as 2024-02-29T13:14:15Z", e);
                }
            }
            throw new DataException("Cannot take the time of the record from field '" + field.path() + "': a "
                    + value.getClass().getSimpleName() + " is not a Timestamp, epoch milliseconds or ISO-8601 text");
        }
    }

    /** The time the record is processed ({@code Wallclock}). */
    record WallClock() implements TimestampExtractor {
        @Override
        public Instant extract(SinkRecord record, Instant now) {
            return now;
        }

        @Override
        public boolean usesWallClock() {
            return true;
        }
    }
}
