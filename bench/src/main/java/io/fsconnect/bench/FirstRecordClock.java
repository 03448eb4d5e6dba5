package io.fsconnect.bench;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A pass-through transformation that notes the moment the first record enters the Connect pipeline, so a
 * benchmark measures a connector from its first record rather than from the worker's start-up. It returns
 * every record unchanged. The clock is JVM-wide: the harness {@link #reset() resets} it before each run and
 * marks it itself in the baselines, at the same point of their flow, so both are timed alike.
 *
 * @param <R> the record type
 */
public final class FirstRecordClock<R extends ConnectRecord<R>> implements Transformation<R> {

    private static final AtomicLong FIRST_NANOS = new AtomicLong();

    /** Forgets the previous run's first record. */
    public static void reset() {
        FIRST_NANOS.set(0L);
    }

    /** Notes now as the first record's time, unless one is already noted. */
    public static void mark() {
        if (FIRST_NANOS.get() == 0L) {
            FIRST_NANOS.compareAndSet(0L, System.nanoTime());
        }
    }

    /** The {@link System#nanoTime()} of the first record since the last reset, if one has arrived. */
    public static java.util.OptionalLong firstNanos() {
        long nanos = FIRST_NANOS.get();
        return nanos == 0L ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(nanos);
    }

    @Override
    public R apply(R record) {
        mark();
        return record;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
