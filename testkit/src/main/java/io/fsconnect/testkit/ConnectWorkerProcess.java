package io.fsconnect.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A distributed Kafka Connect worker ({@code ConnectDistributed}) running as its own JVM process, the way an
 * operator runs one: its heap and JVM options are its own, its plugins come only from {@code plugin.path} (found
 * with {@code plugin.discovery=service_load}), and its classpath holds Kafka's jars but no plugin jar. Everything
 * it prints, including a JVM's {@code OutOfMemoryError} report, goes to {@link #log()} in the folder given to
 * {@link #start}. Keys and values use {@code JsonConverter} with schemas; internal topics have one partition and
 * replication 1, so one broker is enough. {@link #close()} stops the process (forcibly after 60 s); stop workers
 * before their broker.
 */
public final class ConnectWorkerProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final ConnectRest rest;

    private ConnectWorkerProcess(Process process, Path log, URI restUri) {
        this.process = process;
        this.log = log;
        this.rest = ConnectRest.at(restUri);
    }

    /**
     * Starts a worker of group {@code groupId} on {@code bootstrapServers} with {@code pluginPath} as its plugin path,
     * the JVM options {@code jvmOptions} (e.g. {@code -Xmx256m}) and {@code extraWorkerProps} added to (and
     * overriding) the defaults; its files go to {@code dir}. Returns at once: see {@link #awaitReady}.
     */
    public static ConnectWorkerProcess start(Path dir, String bootstrapServers, Path pluginPath, String groupId,
            List<String> jvmOptions, Map<String, String> extraWorkerProps) {
        int port = LocalServers.freeLoopbackPort("the Connect worker process");
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", groupId);
        props.put("listeners", "http://localhost:" + port);
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        props.put("plugin.discovery", "service_load");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("status.storage.partitions", "1");
        props.put("offset.flush.interval.ms", "1000");
        props.putAll(extraWorkerProps);
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("connect-distributed.properties");
            Properties properties = new Properties();
            properties.putAll(props);
            try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                properties.store(out, "worker " + groupId);
            }
            Path logConfig = dir.resolve("log4j2.properties");
            Files.writeString(logConfig, String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.out.ref = out",
                "logger.fsconnect.name = io.fsconnect",
                "logger.fsconnect.level = info",
                ""), StandardCharsets.UTF_8);
            Path log = dir.resolve("worker.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-Dlog4j2.configurationFile=" + logConfig.toAbsolutePath());
            command.add("-cp");
            command.add(workerClasspath(pluginPath));
            command.add("org.apache.kafka.connect.cli.ConnectDistributed");
            command.add(config.toAbsolutePath().toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ConnectWorkerProcess(process, log, URI.create("http://localhost:" + port + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a Connect worker process in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The test JVM's jars without this project's own (and without class folders), so the worker can load fsconnect
     * only from {@code plugin.path}; Kafka, Connect and logging come from the test's dependencies. Third-party jars
     * that a plugin also carries may be on both paths, as on many real workers: plugin isolation loads the plugin's
     * copies. Surefire and failsafe put the real classpath in {@code java.class.path} of the forked JVM.
     */
    static String workerClasspath(Path pluginPath) throws IOException {
        boolean pluginBuilt;
        try (Stream<Path> files = Files.walk(pluginPath)) {
            pluginBuilt = files.anyMatch(p -> p.getFileName().toString().startsWith("fsconnect-")
                && p.getFileName().toString().endsWith(".jar"));
        } catch (NoSuchFileException e) {
            pluginBuilt = false;
        }
        if (!pluginBuilt) {
            throw new IllegalStateException("Cannot start a Connect worker process: no fsconnect plugin jar under "
                + pluginPath + "; build the plugin first (mvn package)");
        }
        String classpath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> entry.endsWith(".jar"))
            .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("fsconnect-"))
            .collect(Collectors.joining(File.pathSeparator));
        if (!classpath.contains("connect-runtime")) {
            throw new IllegalStateException("Cannot start a Connect worker process: connect-runtime is not on the test "
                + "classpath (" + System.getProperty("java.class.path") + ")");
        }
        return classpath;
    }

    /** Waits until the worker answers {@code GET /connector-plugins}; fails at once if the process has exited. */
    public void awaitReady(Duration timeout) {
        Await.until("the Connect worker process to answer on " + rest.baseUri() + " (log: " + log + ")", timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("The Connect worker process exited with " + process.exitValue() + "; the end of "
                    + log + ":\n" + LocalServers.tail(log));
            }
            try {
                return !rest.connectorPlugins().isEmpty();
            } catch (RuntimeException notListeningYet) {
                return false;
            }
        });
    }

    /** The worker's REST API. */
    public ConnectRest rest() {
        return rest;
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file holding everything the process printed. */
    public Path log() {
        return log;
    }

    /** What the process has printed so far. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the worker log " + log + ": " + e.getMessage(), e);
        }
    }

    /** Stops the process, forcibly if it has not stopped within 60 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
