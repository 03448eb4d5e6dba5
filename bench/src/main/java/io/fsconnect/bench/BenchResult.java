package io.fsconnect.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of one scenario: the connector path and the baseline, each having moved {@code records}
 * records (the fastest of {@code rounds} timed runs of each, see {@link Rounds}), and the peak heap attributed
 * to the connector (how each scenario measures it, its class says). {@link #line()} renders the one
 * machine-readable {@code BENCH} line that every scenario ends with; a scenario's extra {@code key=value} fields
 * follow the standard ones, sorted by key, and {@code rounds=<n>} ends the line.
 */
public record BenchResult(String scenario, long records, double connectorSeconds, double baselineSeconds,
                          long peakHeapMb, int rounds, Map<String, String> extraFields) {

    public BenchResult {
        extraFields = Map.copyOf(extraFields);
    }

    /** The result of alternating rounds: each side's fastest run. */
    BenchResult(String scenario, long records, Rounds.Fastest fastest, long peakHeapMb,
                Map<String, String> extraFields) {
        this(scenario, records, fastest.connectorSeconds(), fastest.baselineSeconds(), peakHeapMb, fastest.rounds(),
                extraFields);
    }

    /** Records per second through the connector. */
    public double recordsPerSecond() {
        return records / connectorSeconds;
    }

    /** Records per second through the baseline. */
    public double baselineRecordsPerSecond() {
        return records / baselineSeconds;
    }

    /** The {@code BENCH} line of the design document, then the extra fields sorted by key, then the rounds. */
    public String line() {
        String standard = String.format(Locale.ROOT,
                "BENCH scenario=%s records=%d seconds=%.3f records_per_s=%.0f baseline_records_per_s=%.0f ratio=%.3f peak_heap_mb=%d",
                scenario, records, connectorSeconds, recordsPerSecond(), baselineRecordsPerSecond(),
                recordsPerSecond() / baselineRecordsPerSecond(), peakHeapMb);
        return standard + extraFields.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(field -> " " + field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining()) + " rounds=" + rounds;
    }
}
