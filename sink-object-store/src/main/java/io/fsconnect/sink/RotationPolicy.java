package io.fsconnect.sink;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether an open file should be closed now. It is asked after every record written and,
 * for time-based policies, also when no records arrive, so a file never stays open past its deadline
 * just because a topic went quiet.
 */
@FunctionalInterface
interface RotationPolicy {

    boolean shouldRotate(OpenFileState file, Instant now);

    /** Rotates when any of {@code policies} would. */
    static RotationPolicy anyOf(List<RotationPolicy> policies) {
        List<RotationPolicy> copy = List.copyOf(policies);
        return (file, now) -> copy.stream().anyMatch(policy -> policy.shouldRotate(file, now));
    }

    /** What a policy may look at: the open file's record count, size so far and when it was started. */
    record OpenFileState(long records, long bytes, Instant openedAt) {
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
