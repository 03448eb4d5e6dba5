package io.fsconnect.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory budget of one task's open files. Open files report how much their estimate changed after
 * each record ({@link #charge}); the task asks {@link #needsRelief()} after each record and, while it
 * is true, completes the files of the partition holding the most. Relief starts before the limit is
 * reached, by the largest growth one record has caused so far, so that the held total stays within the
 * limit as long as no record grows a file by more than any record before it. Once started, relief goes
 * on down to three quarters of the limit, so a task under pressure completes files in batches rather
 * than one at every record. The peak of the held total is kept for monitoring and tests. Used by the
 * task's thread only.
 *
 * <p>Completing a file returns all of its memory before {@link #relieve} returns, because uploads finish
 * synchronously (the last part is sent and the object made visible inside {@code complete}); there are no
 * uploads in flight to wait for, so the task never needs to pause partitions to stay within the budget.
 */
final class BufferBudget {

    private static final Logger log = LoggerFactory.getLogger(BufferBudget.class);
    private static final int RELIEFS_PER_REPORT = 1000;
    // Below this many bytes released per completed partition, relief is making files too small to be useful.
    private static final long SMALL_RELIEF_BYTES = 256 * 1024;

    private final long limitBytes;
    private long reliefs;
    private long completedSinceReport;
    private long releasedSinceReport;
    private long heldBytes;
    private long peakBytes;
    private long largestStepBytes;

    BufferBudget(long limitBytes) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("Cannot use a buffer budget of " + limitBytes + " bytes: it must be"
                    + " positive");
        }
        this.limitBytes = limitBytes;
    }

    /** Adds {@code deltaBytes} (negative when a file shrank or was released) to the held total. */
    void charge(long deltaBytes) {
        heldBytes += deltaBytes;
        if (heldBytes < 0) {
            throw new IllegalStateException("Cannot release more memory than was charged: held " + heldBytes);
        }
        peakBytes = Math.max(peakBytes, heldBytes);
        largestStepBytes = Math.max(largestStepBytes, deltaBytes);
    }

    /** Whether one more record like the largest so far could take the held total past the limit. */
    boolean needsRelief() {
        return heldBytes + largestStepBytes > limitBytes;
    }

    /** Whether relief that has started has not yet brought the held total down far enough. */
    boolean reliefUnfinished() {
        return heldBytes + largestStepBytes > limitBytes / 4 * 3;
    }

    /**
     * Completes the open files of the partitions holding the most memory, largest first, until the held
     * total is back under three quarters of the limit.
     *
     * @return how many partitions had their files completed
     * @throws org.apache.kafka.connect.errors.ConnectException if the store fails
     */
    int relieve(Collection<TopicPartitionWriter> writers) {
        List<Held> candidates = new ArrayList<>(writers.size());
        for (TopicPartitionWriter writer : writers) {
            long held = writer.heldBytes();
            if (held > 0) {
                candidates.add(new Held(writer, held));
            }
        }
        candidates.sort(Comparator.comparingLong(Held::bytes).reversed());
        int completed = 0;
        long heldBefore = heldBytes;
        for (Held candidate : candidates) {
            if (!reliefUnfinished()) {
                break;
            }
            candidate.writer().completeOpenFiles();
            completed++;
        }
        report(completed, heldBefore - heldBytes, candidates.size());
        return completed;
    }

    private void report(int completed, long released, int openPartitions) {
        reliefs++;
        completedSinceReport += completed;
        releasedSinceReport += released;
        if (reliefs == 1) {
            log.info("Completed the files of {} of {} partitions early to stay within buffer.max.bytes={}, releasing {}"
                    + " bytes", completed, openPartitions, limitBytes, released);
        } else if (reliefs % RELIEFS_PER_REPORT == 0) {
            long perPartition = completedSinceReport == 0 ? 0 : releasedSinceReport / completedSinceReport;
            if (perPartition < SMALL_RELIEF_BYTES) {
                log.warn("Cannot keep files of useful size within buffer.max.bytes={}: the last {} early completions"
                        + " released about {} bytes per partition, so the files are small; raise buffer.max.bytes or"
                        + " give each task fewer partitions (tasks.max)", limitBytes, completedSinceReport,
                        perPartition);
            }
            completedSinceReport = 0;
            releasedSinceReport = 0;
        }
    }

    long limitBytes() {
        return limitBytes;
    }

    long heldBytes() {
        return heldBytes;
    }

    /** The highest held total so far. */
    long peakBytes() {
        return peakBytes;
    }

    private record Held(TopicPartitionWriter writer, long bytes) {
    }

    @Override
    public String toString() {
        return "buffer budget " + heldBytes + "/" + limitBytes + " bytes (peak " + peakBytes + ")";
    }
}
