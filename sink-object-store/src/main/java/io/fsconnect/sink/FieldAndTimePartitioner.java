package io.fsconnect.sink;

import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The field directories, then the time directories ({@code partitioner.class=field-time}), e.g.
 * {@code region=eu/year=2024/month=02/day=29}: one partition column of the data and its time, as
 * feature-group offline copies are usually laid out.
 */
final class FieldAndTimePartitioner implements Partitioner {

    private final FieldPartitioner fields;
    private final TimeBasedPartitioner time;

    FieldAndTimePartitioner(FieldPartitioner fields, TimeBasedPartitioner time) {
        this.fields = Objects.requireNonNull(fields, "fields");
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public String encodePartition(SinkRecord record, Instant now) {
        return fields.encodePartition(record, now) + "/" + time.encodePartition(record, now);
    }
}
