package io.fsconnect.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * Runs one benchmark scenario and prints its {@code BENCH} line as the last line of standard output;
 * progress goes to standard error. Arguments: the scenario name, the directory of packaged plugins
 * ({@code plugin.path}) and a work directory. Exits 0 only when the scenario completed; a failure is
 * printed as "Cannot run ..." and exits 1. {@code bench/run} starts one JVM per scenario with this class.
 */
public final class Bench {

    // buffer.max.bytes of the sink scenarios, as a user would set it. One open file needs a row group (an eighth
    // of the budget) and an upload buffer of at most one 8 MiB S3 part: 64 MiB holds that with room to spare.
    private static final long SINGLE_FILE_BUDGET = 64L * 1024 * 1024;
    // By the sink's own estimate each open file holds about 230 KiB before any rows (Parquet page buffers and
    // column writers, a 64 KiB upload buffer): a task with a thousand partitions needs 256 MiB to keep them all
    // open with room for rows, where 64 MiB would cut tiny files whenever records arrive interleaved.
    private static final long THOUSAND_FILES_BUDGET = 256L * 1024 * 1024;

    private static final List<Scenario> SCENARIOS = List.of(
            new JdbcPostgresScenario(),
            SinkParquetScenario.local("sink-parquet-local-1p", 1, 1_000_000, 100_000, SINGLE_FILE_BUDGET),
            SinkParquetScenario.local("sink-parquet-local-1000p", 1_000, 500_000, 500, THOUSAND_FILES_BUDGET),
            SinkParquetScenario.rgw("sink-parquet-s3-1p", 1, 500_000, 100_000, SINGLE_FILE_BUDGET),
            new ObjectStoreSourceScenario(ObjectStoreSourceScenario.Format.PARQUET,
                    ObjectStoreSourceScenario.Store.LOCAL),
            new ObjectStoreSourceScenario(ObjectStoreSourceScenario.Format.CSV,
                    ObjectStoreSourceScenario.Store.LOCAL),
            new ObjectStoreSourceScenario(ObjectStoreSourceScenario.Format.PARQUET,
                    ObjectStoreSourceScenario.Store.S3),
            new ObjectStoreSourceScenario(ObjectStoreSourceScenario.Format.CSV,
                    ObjectStoreSourceScenario.Store.S3));

    private static final Map<String, Scenario> BY_NAME = SCENARIOS.stream()
            .collect(Collectors.toMap(Scenario::name, Function.identity()));

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !BY_NAME.containsKey(args[0])) {
            System.err.println("usage: Bench <scenario> <plugin-path> <work-dir>; scenarios: "
                    + SCENARIOS.stream().map(Scenario::name).toList());
            System.exit(2);
        }
        Scenario scenario = BY_NAME.get(args[0]);
        Path pluginPath = Path.of(args[1]).toAbsolutePath();
        Path workDir = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
        HeapAfterGc heap = HeapAfterGc.install();
        try {
            BenchResult result = scenario.run(pluginPath, workDir, heap);
            System.out.println(result.line());
            end(0);
        } catch (Exception | Error e) {
            System.err.println("Cannot run scenario " + scenario.name() + ": " + e);
            e.printStackTrace(System.err);
            end(1);
        }
    }

    /**
     * Ends the JVM without running shutdown hooks (JFR recordings are written first): the servers are already
     * closed by then, and the hook of
     * an embedded broker can wait forever for threads of a worker that has stopped.
     */
    private static void end(int status) {
        // Halting skips the hook that writes a -XX:StartFlightRecording file; stopping writes it.
        if (FlightRecorder.isInitialized()) {
            for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
                if (recording.getDestination() != null) {
                    recording.stop();
                }
            }
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /** The scenario names, in the order {@code bench/run} runs them. */
    static List<String> names() {
        return SCENARIOS.stream().map(Scenario::name).toList();
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
