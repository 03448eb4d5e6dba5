package io.fsconnect.quickstart;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The suite's main job on embedded defaults, in one command: a real Kafka broker and a real Connect
 * worker (REST on localhost:8083) that loads the packaged fsconnect plugins; a sample SQL database of
 * store sales; a JDBC source turning an aggregating SQL query into a feature-group topic; and an
 * object-store sink writing that topic as Parquet training data to a local folder. It reports progress
 * while it runs. By default it keeps running for the user to explore the REST API until Ctrl-C; with
 * {@code --once} it stops once every row of the query is in the files and ends with the line
 * {@code QUICKSTART rows=<n> files=<n> output=<dir>}, exiting 0 (1 on failure, 2 on bad options).
 */
public final class Quickstart {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final QuickstartOptions options;
    private final PrintStream out;
    private volatile boolean stopRequested;
    /** Counted down by Ctrl-C: every wait in the quickstart ends early on it. */
    private final CountDownLatch stop = new CountDownLatch(1);
    /** Counted down when run() has closed everything, so Ctrl-C waits for a clean stop and no longer. */
    private final CountDownLatch finished = new CountDownLatch(1);

    Quickstart(QuickstartOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        QuickstartOptions options;
        try {
            options = QuickstartOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Before anything logs: the worker and broker log to a file, the console shows progress only.
        System.setProperty("fsconnect.quickstart.log", options.output().resolve("quickstart.log").toString());
        Quickstart quickstart = new Quickstart(options, System.out);
        int status;
        try {
            status = quickstart.run();
        } catch (Exception e) {
            System.err.println("Quickstart failed: " + e.getMessage());
            System.err.println("Details are in " + options.output().resolve("quickstart.log"));
            status = 1;
        }
        // After Ctrl-C the JVM is already exiting; System.exit would wait for the hook that waits for us.
        if (!quickstart.stopRequested) {
            System.exit(status);
        }
    }

    /** Runs the quickstart; returns the process exit status. */
    int run() throws Exception {
        stopOnCtrlC();
        try {
            return runPipeline();
        } finally {
            finished.countDown();
        }
    }

    private int runPipeline() throws Exception {
        checkPlugins(options.pluginPath());
        Path trainingData = options.output().resolve("training-data");
        Files.createDirectories(options.output());
        KafkaBroker.deleteRecursively(trainingData);

        out.printf("fsconnect quickstart%n");
        out.printf("- seeding the sample database with %,d store sales ...%n", options.salesRows());
        SalesDatabase database = SalesDatabase.create(options.output().resolve("sales.db"), options.salesRows());
        long expectedRows = database.featureRowCount();
        out.printf("  %s: the feature query returns %,d rows (one per store and day)%n", database.jdbcUrl(), expectedRows);

        ParquetRowCounter.Count written;
        out.printf("- starting a Kafka broker ...%n");
        try (KafkaBroker broker = KafkaBroker.start()) {
            out.printf("  bootstrap servers: %s%n", broker.bootstrapServers());
            createTopic(broker.bootstrapServers());
            out.printf("- starting a Connect worker with the plugins in %s ...%n", options.pluginPath());
            try (ConnectWorker worker = ConnectWorker.start(broker.bootstrapServers(), options.pluginPath(),
                options.restPort(), "fsconnect-quickstart")) {
                RestClient rest = new RestClient(worker.restUri());
                awaitPlugins(rest);
                out.printf("  REST API: %s%n", worker.restUri());
                rest.putConnector(FeaturePipeline.SOURCE, FeaturePipeline.sourceConfig(database.jdbcUrl()));
                rest.putConnector(FeaturePipeline.SINK, FeaturePipeline.sinkConfig(trainingData));
                out.printf("- created connectors %s (SQL query -> topic %s) and %s (topic -> Parquet in %s)%n",
                    FeaturePipeline.SOURCE, FeaturePipeline.TOPIC, FeaturePipeline.SINK, trainingData);
                written = awaitAllRows(rest, broker.bootstrapServers(), trainingData, expectedRows);
                out.printf("- done: %,d feature rows are in %d Parquet files under %s%n",
                    written.rows(), written.files(), trainingData);
                if (!options.once()) {
                    explore(worker);
                }
                out.printf("- stopping the worker and the broker ...%n");
            }
        }
        if (options.once()) {
            out.printf("QUICKSTART rows=%d files=%d output=%s%n", written.rows(), written.files(), trainingData);
        }
        return 0;
    }

    private static void checkPlugins(Path pluginPath) {
        boolean hasPlugins;
        try (var dirs = Files.list(pluginPath)) {
            hasPlugins = dirs.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            hasPlugins = false;
        }
        if (!hasPlugins) {
            throw new IllegalStateException("Cannot find the packaged plugins in " + pluginPath
                + ": build them first with 'mvn -B -DskipTests package', or pass --plugin-path");
        }
    }

    private static void createTopic(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(FeaturePipeline.TOPIC, FeaturePipeline.TOPIC_PARTITIONS, (short) 1)))
                .all().get();
        }
    }

    private void awaitPlugins(RestClient rest) throws Exception {
        Set<String> wanted = Set.of(FeaturePipeline.SOURCE_CLASS, FeaturePipeline.SINK_CLASS);
        Set<String> listed = StreamSupport.stream(rest.connectorPlugins().spliterator(), false)
            .map(plugin -> plugin.path("class").asText())
            .collect(Collectors.toSet());
        if (!listed.containsAll(wanted)) {
            throw new IllegalStateException("Cannot find the fsconnect connectors in the worker's plugin path "
                + options.pluginPath() + ": it lists " + listed + ". Rebuild the plugins with 'mvn -B -DskipTests package'.");
        }
    }

    private ParquetRowCounter.Count awaitAllRows(RestClient rest, String bootstrapServers, Path trainingData,
                                                 long expectedRows) throws Exception {
        ParquetRowCounter counter = new ParquetRowCounter(trainingData);
        Instant deadline = Instant.now().plus(options.timeout());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (true) {
                failOnFailedConnector(rest, FeaturePipeline.SOURCE);
                failOnFailedConnector(rest, FeaturePipeline.SINK);
                long inTopic = recordsInTopic(admin);
                ParquetRowCounter.Count written = counter.count();
                out.printf("  topic %s: %,d of %,d rows | training data: %,d rows in %d files%n",
                    FeaturePipeline.TOPIC, inTopic, expectedRows, written.rows(), written.files());
                if (written.rows() >= expectedRows) {
                    return written;
                }
                if (options.once() && Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Cannot finish within " + options.timeout().toSeconds()
                        + " s: " + written.rows() + " of " + expectedRows + " rows were written");
                }
                if (stop.await(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("Stopped before all rows were written");
                }
            }
        }
    }

    private static long recordsInTopic(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < FeaturePipeline.TOPIC_PARTITIONS; p++) {
            latest.put(new TopicPartition(FeaturePipeline.TOPIC, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    private static void failOnFailedConnector(RestClient rest, String connector) throws Exception {
        Optional<JsonNode> maybeStatus = rest.status(connector);
        if (maybeStatus.isEmpty()) {
            return;
        }
        JsonNode status = maybeStatus.get();
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            throw new IllegalStateException("Connector " + connector + " failed: " + status.path("connector").path("trace").asText());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new IllegalStateException("Task " + task.path("id").asInt() + " of connector " + connector
                    + " failed: " + task.path("trace").asText());
            }
        }
    }

    private void explore(ConnectWorker worker) throws InterruptedException {
        out.printf("%nThe worker keeps running. Try:%n");
        out.printf("  curl -s %sconnectors?expand=status%n", worker.restUri());
        out.printf("  curl -s %sconnectors/%s/config%n", worker.restUri(), FeaturePipeline.SOURCE);
        out.printf("  curl -s %sconnector-plugins%n", worker.restUri());
        out.printf("Press Ctrl-C to stop.%n");
        stop.await();
    }

    private void stopOnCtrlC() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.getCount() == 0) {
                return;
            }
            stopRequested = true;
            stop.countDown();
            // Keep the JVM alive until run() has closed the worker and the broker.
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "quickstart-shutdown"));
    }

}
