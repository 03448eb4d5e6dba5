package io.fsconnect.bench;

import java.util.Locale;

/**
 * The outcome of one scenario: the connector path and the baseline, each having moved {@code records}
 * records, and the highest heap occupancy after a garbage collection seen while the connector ran.
 * {@link #line()} renders the one machine-readable {@code BENCH} line that every scenario ends with.
 */
public record BenchResult(String scenario, long records, double connectorSeconds, double baselineSeconds,
                          long peakHeapMb) {

    /** Records per second through the connector. */
    public double recordsPerSecond() {
        return records / connectorSeconds;
    }

    /** Records per second through the baseline. */
    public double baselineRecordsPerSecond() {
        return records / baselineSeconds;
    }

    /** The {@code BENCH} line of the design document. */
    public String line() {
        return String.format(Locale.ROOT,
                "BENCH scenario=%s records=%d seconds=%.3f records_per_s=%.0f baseline_records_per_s=%.0f ratio=%.3f peak_heap_mb=%d",
                scenario, records, connectorSeconds, recordsPerSecond(), baselineRecordsPerSecond(),
                recordsPerSecond() / baselineRecordsPerSecond(), peakHeapMb);
    }
}
