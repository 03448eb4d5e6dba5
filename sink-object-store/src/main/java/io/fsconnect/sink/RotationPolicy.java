package io.fsconnect.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether an open file should be closed. {@link #shouldRotate} is asked after every record
 * written and, for time-based policies, also when no records arrive, so a file never stays open past its
 * deadline just because a topic went quiet. {@link #shouldRotateBefore} is asked before a record is
 * added, for policies where that record belongs in the next file.
 */
@FunctionalInterface
interface RotationPolicy {

    boolean shouldRotate(OpenFileState file, Instant now);

    /** Whether the file must be closed before a record with time {@code recordTime} is added to it. */
    default boolean shouldRotateBefore(OpenFileState file, Instant recordTime) {
        return false;
    }

    /** Whether {@link #shouldRotateBefore} reads record times, which then have to be extracted. */
    default boolean needsRecordTime() {
        return false;
    }

    /** Rotates when any of {@code policies} would. */
    static RotationPolicy anyOf(List<RotationPolicy> policies) {
        List<RotationPolicy> copy = List.copyOf(policies);
        return new RotationPolicy() {
            @Override
            public boolean shouldRotate(OpenFileState file, Instant now) {
                return copy.stream().anyMatch(policy -> policy.shouldRotate(file, now));
            }

            @Override
            public boolean shouldRotateBefore(OpenFileState file, Instant recordTime) {
                return copy.stream().anyMatch(policy -> policy.shouldRotateBefore(file, recordTime));
            }

            @Override
            public boolean needsRecordTime() {
                return copy.stream().anyMatch(RotationPolicy::needsRecordTime);
            }
        };
    }

    /**
     * What a policy may look at: the open file's record count, size so far, when it was started (wall
     * clock) and the time of its first record, when record times are extracted.
     */
    record OpenFileState(long records, long bytes, Instant openedAt, Optional<Instant> firstRecordTime) {
    }

    /** Rotates once the file holds about {@code maxBytes} bytes ({@code rotate.size.bytes}). */
    record ByteSize(long maxBytes) implements RotationPolicy {

        public ByteSize {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be positive");
            }
        }

        @Override
        public boolean shouldRotate(OpenFileState file, Instant now) {
            return file.bytes() >= maxBytes;
        }
    }

    /**
     * Starts a new file for a record whose time is {@code interval} or more after the file's first record
     * ({@code rotate.interval.ms}); deterministic because only record times are compared.
     */
    record RecordTimeInterval(Duration interval) implements RotationPolicy {

        public RecordTimeInterval {
            Objects.requireNonNull(interval, "interval");
        }

        @Override
        public boolean shouldRotate(OpenFileState file, Instant now) {
            return false;
        }

        @Override
        public boolean shouldRotateBefore(OpenFileState file, Instant recordTime) {
            return file.firstRecordTime().map(first -> !recordTime.isBefore(first.plus(interval))).orElse(false);
        }

        @Override
        public boolean needsRecordTime() {
            return true;
        }
    }

    /** Rotates once the file holds {@code maxRecords} records ({@code flush.size}). */
    record RecordCount(long maxRecords) implements RotationPolicy {

        public RecordCount {
            if (maxRecords < 1) {
                throw new IllegalArgumentException("maxRecords must be positive");
            }
        }

        @Override
        public boolean shouldRotate(OpenFileState file, Instant now) {
            return file.records() >= maxRecords;
        }
    }

    /** Rotates once {@code interval} of wall-clock time has passed since the file was started. */
    record Scheduled(Duration interval) implements RotationPolicy {

        public Scheduled {
            Objects.requireNonNull(interval, "interval");
        }

        @Override
        public boolean shouldRotate(OpenFileState file, Instant now) {
            return !now.isBefore(file.openedAt().plus(interval));
        }
    }
}
