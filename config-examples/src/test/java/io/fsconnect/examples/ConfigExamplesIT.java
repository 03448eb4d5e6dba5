package io.fsconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.PostgresServer;
import io.fsconnect.testkit.ValidationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in config-examples/ works as shipped, with only the site-specific values a user would
 * replace (database address and user, secrets file, output folder) swapped for this test's real servers:
 * it validates with no errors through the worker's REST API, its connector runs, and the secret it
 * refers to is resolved inside the worker but never returned by {@code GET /connectors/{name}/config}.
 */
class ConfigExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of(System.getProperty("fsconnect.examples.dir", "."));
    private static final String SECRETS_FILE_IN_EXAMPLES = "/etc/kafka/fsconnect-secrets.properties";

    @TempDir
    static Path tmp;
    private static PostgresServer postgres;
    private static ConnectCluster cluster;
    private static Path secretsFile;

    record Example(Path file, String name, Map<String, String> config) {
        @Override
        public String toString() {
            return EXAMPLES.relativize(file).toString();
        }
    }

    @BeforeAll
    static void startServers() throws IOException {
        postgres = PostgresServer.start();
        postgres.execute(
            "CREATE TABLE orders (order_id BIGSERIAL PRIMARY KEY, customer_id INT NOT NULL, "
                + "order_day DATE NOT NULL, ordered_at TIMESTAMP NOT NULL, amount NUMERIC(12,2) NOT NULL)",
            "INSERT INTO orders (customer_id, order_day, ordered_at, amount) "
                + "SELECT i % 7, DATE '2026-01-01' + (i % 3), TIMESTAMP '2026-01-01 00:00' + i * INTERVAL '1 minute', i * 1.25 "
                + "FROM generate_series(1, 50) AS i");
        secretsFile = tmp.resolve("fsconnect-secrets.properties");
        Files.writeString(secretsFile, "shop.password=" + postgres.password() + "\n");
        cluster = ConnectCluster.start(2, Map.of(
            "config.providers", "file",
            "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"));
    }

    @AfterAll
    static void stopServers() {
        if (cluster != null) {
            cluster.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static List<Example> examples() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().contains("target"))
                .sorted()
                .map(ConfigExamplesIT::read)
                .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleValidatesRunsAndKeepsItsSecretOut(Example example) {
        Map<String, String> config = forThisSite(example.config());

        ValidationResult validation = cluster.rest().validate(config.get("connector.class"), config);
        assertThat(validation.errorsByKey()).as("validation errors of %s", example).isEmpty();
        assertThat(validation.errorCount()).isZero();

        cluster.rest().putConfig(example.name(), config);
        cluster.rest().awaitRunning(example.name(), 1, Duration.ofSeconds(60));
        Map<String, String> stored = cluster.rest().config(example.name());
        assertThat(stored.values()).as("config returned by the REST API").noneMatch(v -> v.contains(postgres.password()));
        if (config.containsKey("connection.password")) {
            assertThat(stored.get("connection.password")).startsWith("${file:");
        }
        if (config.containsKey("topic")) {
            // The source reached the database with the resolved secret: its rows arrive.
            assertThat(cluster.consumeAtLeast(1, Duration.ofSeconds(60), config.get("topic"))).isNotEmpty();
        }
        cluster.rest().delete(example.name());
    }

    /** Swaps what a user would swap: database address and user, secrets file, output folder. */
    private static Map<String, String> forThisSite(Map<String, String> example) {
        Map<String, String> config = new HashMap<>();
        example.forEach((key, value) -> config.put(key, value.replace(SECRETS_FILE_IN_EXAMPLES, secretsFile.toString())));
        config.computeIfPresent("connection.url", (k, v) -> postgres.jdbcUrl());
        config.computeIfPresent("connection.user", (k, v) -> postgres.user());
        if ("local".equals(config.get("datasource.type"))) {
            config.computeIfPresent("datasource.path", (k, v) -> tmp.resolve("training-data").toString());
        }
        return config;
    }

    private static Example read(Path file) {
        try {
            Map<String, Object> body = JSON.readValue(file.toFile(), new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, String> config = (Map<String, String>) body.get("config");
            return new Example(file, (String) body.get("name"), config);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the example " + file + ": " + e.getMessage(), e);
        }
    }
}
