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

    private static final List<Scenario> SCENARIOS = List.of(
            new JdbcPostgresScenario(),
            new SinkParquetLocalScenario("sink-parquet-local-1p", 1, 1_000_000, 100_000),
            new SinkParquetLocalScenario("sink-parquet-local-1000p", 1_000, 500_000, 500),
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
