package io.fsconnect.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fsconnect.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugins install into a real Connect worker the way an operator installs them: a worker
 * started as its own process ({@code ConnectDistributed}, only Kafka's jars on its classpath) on a real
 * broker, with {@code plugin.path} at the unpacked plugin zips and {@code plugin.discovery=service_load},
 * lists every fsconnect connector with the project's version.
 */
class PluginPackagingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CONNECTORS = Map.of(
        "io.fsconnect.source.jdbc.JdbcSourceConnector", "source",
        "io.fsconnect.source.objectstore.ObjectStoreSourceConnector", "source",
        "io.fsconnect.sink.ObjectStoreSinkConnector", "sink");
    private static final Path BUILD = Path.of(System.getProperty("fsconnect.build.dir", "target"));
    private static final Path PLUGINS = BUILD.resolve("plugins");
    private static final String VERSION = System.getProperty("fsconnect.version");

    private static KafkaBroker broker;
    private static Process worker;
    private static Path workerLog;
    private static URI rest;

    @BeforeAll
    static void startBrokerAndWorkerProcess() throws IOException {
        broker = KafkaBroker.start();
        Path dir = Files.createDirectories(BUILD.resolve("packaging-it"));
        int port = KafkaBroker.freePort();
        Properties props = new Properties();
        props.putAll(ConnectWorker.workerProps(broker.bootstrapServers(), PLUGINS, port, "packaging-it"));
        Path config = dir.resolve("connect-distributed.properties");
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            props.store(out, "worker of PluginPackagingIT");
        }
        workerLog = dir.resolve("worker.log");
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
            "-Dlog4j2.configurationFile=" + BUILD.resolve("classes/log4j2.properties"),
            "-Dfsconnect.quickstart.log=" + dir.resolve("worker-log4j.log"),
            "-cp", workerClasspath(),
            "org.apache.kafka.connect.cli.ConnectDistributed", config.toString()));
        worker = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(workerLog.toFile()).start();
        rest = URI.create("http://localhost:" + port + "/");
    }

    @AfterAll
    static void stopWorkerThenBroker() throws InterruptedException {
        if (worker != null) {
            worker.destroy();
            if (!worker.waitFor(60, TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor();
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void separateWorkerListsEveryConnectorWithItsVersion() {
        JsonNode plugins = Await.value("GET /connector-plugins from the worker process (log: " + workerLog + ")",
            Duration.ofSeconds(120), PluginPackagingIT::connectorPlugins);
        for (Map.Entry<String, String> connector : CONNECTORS.entrySet()) {
            JsonNode listed = find(plugins, connector.getKey());
            assertThat(listed).as("%s in GET /connector-plugins: %s", connector.getKey(), plugins).isNotNull();
            assertThat(listed.path("type").asText()).isEqualTo(connector.getValue());
            assertThat(listed.path("version").asText()).isEqualTo(VERSION);
        }
    }

    @Test
    void workerClasspathHoldsNoFsconnectJar() throws IOException {
        // Otherwise the listing above could come from the classpath instead of plugin.path.
        List<String> jarNames = Stream.of(workerClasspath().split(java.io.File.pathSeparator))
            .map(entry -> Path.of(entry).getFileName().toString()).toList();
        assertThat(jarNames).isNotEmpty().noneMatch(name -> name.startsWith("fsconnect-"));
    }

    @Test
    void everyPluginZipHasManifestConnectorJarAndNoWorkerJars() throws IOException {
        List<Path> zips;
        try (Stream<Path> files = Files.list(BUILD.resolve("plugin-zips"))) {
            zips = files.filter(p -> p.toString().endsWith(".zip")).toList();
        }
        assertThat(zips).hasSize(CONNECTORS.size());
        for (Path zip : zips) {
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                List<String> names = archive.stream().map(ZipEntry::getName).toList();
                String component = names.get(0).substring(0, names.get(0).indexOf('/'));
                ZipEntry manifestEntry = archive.getEntry(component + "/manifest.json");
                assertThat(manifestEntry).as("manifest.json in %s", zip).isNotNull();
                JsonNode manifest = JSON.readTree(archive.getInputStream(manifestEntry));
                assertThat(manifest.path("version").asText()).isEqualTo(VERSION);
                assertThat(component).isEqualTo(manifest.path("name").asText() + "-" + VERSION);
                assertThat(manifest.path("owner").path("username").asText()).isEqualTo("fsconnect");
                assertThat(manifest.path("license").get(0).path("name").asText()).contains("Apache");
                assertThat(manifest.path("component_types").get(0).asText()).isIn("source", "sink");
                assertThat(manifest.path("title").asText()).isNotBlank();
                assertThat(manifest.path("description").asText()).isNotBlank();

                List<String> jars = names.stream().filter(n -> n.startsWith(component + "/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring(n.lastIndexOf('/') + 1)).toList();
                assertThat(jars).anyMatch(jar -> jar.equals(manifest.path("name").asText() + "-" + VERSION + ".jar"));
                // The worker already has these; a second copy inside a plugin breaks class loading.
                assertThat(jars).noneMatch(jar -> jar.startsWith("kafka-clients") || jar.startsWith("connect-api")
                    || jar.startsWith("connect-runtime") || jar.startsWith("slf4j-api"));
            }
        }
    }

    private static Optional<JsonNode> connectorPlugins() {
        if (!worker.isAlive()) {
            throw new AssertionError("The worker process exited with " + worker.exitValue() + "; see " + workerLog);
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(rest.resolve("connector-plugins")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static JsonNode find(JsonNode plugins, String className) {
        for (JsonNode plugin : plugins) {
            if (className.equals(plugin.path("class").asText())) {
                return plugin;
            }
        }
        return null;
    }

    private static String workerClasspath() throws IOException {
        return Files.readString(BUILD.resolve("runtime-classpath.txt")).trim();
    }
}
