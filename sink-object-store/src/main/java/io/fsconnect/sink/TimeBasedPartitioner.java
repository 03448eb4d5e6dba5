package io.fsconnect.sink;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Directories by the record's time ({@code partitioner.class=time}): the time from the
 * {@link TimestampExtractor} is rounded down to a multiple of {@code partition.duration.ms} (aligned to
 * the time zone's midnight, so daily buckets start at local midnight) and formatted with
 * {@code path.format}, a {@link DateTimeFormatter} pattern in {@code timezone} and {@code locale}, e.g.
 * {@code 'year'=yyyy/'month'=MM/'day'=dd/'hour'=HH}.
 */
final class TimeBasedPartitioner implements Partitioner {

    private final DateTimeFormatter pathFormat;
    private final long durationMillis;
    private final ZoneId zone;
    private final TimestampExtractor timestamps;

    TimeBasedPartitioner(DateTimeFormatter pathFormat, Duration duration, TimestampExtractor timestamps) {
        this.pathFormat = Objects.requireNonNull(pathFormat, "pathFormat");
        this.zone = Objects.requireNonNull(pathFormat.getZone(), "the path format needs a zone");
        this.durationMillis = duration.toMillis();
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
        if (durationMillis < 1) {
            throw new IllegalArgumentException("duration must be at least 1 ms");
        }
    }

    @Override
    public String encodePartition(SinkRecord record, Instant now) {
        return pathFormat.format(bucketStart(timestamps.extract(record, now)));
    }

    Instant bucketStart(Instant time) {
        long millis = time.toEpochMilli();
        long offset = zone.getRules().getOffset(time).getTotalSeconds() * 1000L;
        return Instant.ofEpochMilli(Math.floorDiv(millis + offset, durationMillis) * durationMillis - offset);
    }
}
