package io.fsconnect.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The keys that decide when an open file is closed, and the {@link RotationPolicy} they describe. */
final class RotationConfig {

    static final String GROUP = "Rotation";

    static final String FLUSH_SIZE = "flush.size";
    static final String FLUSH_SIZE_DOC = "The number of records per file: a file is closed, made visible and its"
            + " offsets become committable once it holds this many records.";
    static final int FLUSH_SIZE_DEFAULT = 10_000;

    static final String ROTATE_SCHEDULE_INTERVAL_MS = "rotate.schedule.interval.ms";
    static final String ROTATE_SCHEDULE_INTERVAL_MS_DOC = "Close a file at the latest this many milliseconds"
            + " (by the worker's wall clock) after its first record was written, even if no further records"
            + " arrive; -1 turns this off. Which records share a file then depends on timing, so a replay after a"
            + " failure may cut files differently and leave earlier files next to the rewritten ones: exactly-once"
            + " output holds only while this is off.";
    static final long ROTATE_SCHEDULE_INTERVAL_MS_DEFAULT = -1L;

    static final String ROTATE_INTERVAL_MS = "rotate.interval.ms";
    static final String ROTATE_INTERVAL_MS_DOC = "Close a file when a record arrives whose time (see"
            + " timestamp.extractor) is this many milliseconds or more after the time of the file's first record;"
            + " that record starts the next file. Based on record times, not the clock, so a replay cuts the same"
            + " files (unless timestamp.extractor=Wallclock). -1 turns this off. A file whose partition receives no"
            + " further records stays open: combine with rotate.schedule.interval.ms to bound how long.";
    static final long ROTATE_INTERVAL_MS_DEFAULT = -1L;

    static final String ROTATE_SIZE_BYTES = "rotate.size.bytes";
    static final String ROTATE_SIZE_BYTES_DOC = "Close a file once it holds about this many bytes, as written to"
            + " the store (after compression; Parquet row groups and Avro blocks still in memory count as their"
            + " estimated size). -1 turns this off.";
    static final long ROTATE_SIZE_BYTES_DEFAULT = -1L;

    private RotationConfig() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(FLUSH_SIZE, ConfigDef.Type.INT, FLUSH_SIZE_DEFAULT, ConfigDef.Range.atLeast(1),
                        ConfigDef.Importance.HIGH, FLUSH_SIZE_DOC, GROUP, ++order, ConfigDef.Width.SHORT,
                        "Records per file")
                .define(ROTATE_SCHEDULE_INTERVAL_MS, ConfigDef.Type.LONG, ROTATE_SCHEDULE_INTERVAL_MS_DEFAULT,
                        ConfigDef.LambdaValidator.with(RotationConfig::validateInterval, () -> "-1 or at least 1"),
                        ConfigDef.Importance.MEDIUM, ROTATE_SCHEDULE_INTERVAL_MS_DOC, GROUP, ++order,
                        ConfigDef.Width.SHORT, "Scheduled rotation interval (ms)")
                .define(ROTATE_INTERVAL_MS, ConfigDef.Type.LONG, ROTATE_INTERVAL_MS_DEFAULT,
                        ConfigDef.LambdaValidator.with(RotationConfig::validateInterval, () -> "-1 or at least 1"),
                        ConfigDef.Importance.MEDIUM, ROTATE_INTERVAL_MS_DOC, GROUP, ++order, ConfigDef.Width.SHORT,
                        "Record-time rotation interval (ms)")
                .define(ROTATE_SIZE_BYTES, ConfigDef.Type.LONG, ROTATE_SIZE_BYTES_DEFAULT,
                        ConfigDef.LambdaValidator.with(RotationConfig::validateSize, () -> "-1 or at least 1"),
                        ConfigDef.Importance.MEDIUM, ROTATE_SIZE_BYTES_DOC, GROUP, ++order, ConfigDef.Width.SHORT,
                        "Bytes per file");
    }

    /** The record-time interval, if rotation by record time is on. */
    static Optional<Duration> recordInterval(AbstractConfig config) {
        long millis = config.getLong(ROTATE_INTERVAL_MS);
        return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    static int flushSize(AbstractConfig config) {
        return config.getInt(FLUSH_SIZE);
    }

    static Optional<Duration> scheduleInterval(AbstractConfig config) {
        long millis = config.getLong(ROTATE_SCHEDULE_INTERVAL_MS);
        return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    static RotationPolicy policy(AbstractConfig config) {
        List<RotationPolicy> policies = new ArrayList<>();
        policies.add(new RotationPolicy.RecordCount(flushSize(config)));
        scheduleInterval(config).ifPresent(interval -> policies.add(new RotationPolicy.Scheduled(interval)));
        recordInterval(config).ifPresent(interval -> policies.add(new RotationPolicy.RecordTimeInterval(interval)));
        long maxBytes = config.getLong(ROTATE_SIZE_BYTES);
        if (maxBytes > 0) {
            policies.add(new RotationPolicy.ByteSize(maxBytes));
        }
        return RotationPolicy.anyOf(policies);
    }

    private static void validateInterval(String name, Object value) {
        long millis = (Long) value;
        if (millis == 0 || millis < -1) {
            throw new ConfigException(name, value, "Cannot use " + millis + " as a rotation interval: set a positive"
                    + " number of milliseconds, or -1 to turn this rotation off");
        }
    }

    private static void validateSize(String name, Object value) {
        long bytes = (Long) value;
        if (bytes == 0 || bytes < -1) {
            throw new ConfigException(name, value, "Cannot use " + bytes + " as a file size: set a positive number of"
                    + " bytes, or -1 to turn rotation by size off");
        }
    }
}
