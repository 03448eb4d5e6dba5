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
                        ConfigDef.Width.SHORT, "Scheduled rotation interval (ms)");
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
        return RotationPolicy.anyOf(policies);
    }

    private static void validateInterval(String name, Object value) {
        long millis = (Long) value;
        if (millis == 0 || millis < -1) {
            throw new ConfigException(name, value, "Cannot use " + millis + " as a rotation interval: set a positive"
                    + " number of milliseconds, or -1 to turn scheduled rotation off");
        }
    }
}
