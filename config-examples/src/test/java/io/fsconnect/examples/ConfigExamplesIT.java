package io.fsconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.AzuriteServer;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.PostgresServer;
import io.fsconnect.testkit.ValidationResult;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in config-examples/ works as shipped, with only the site-specific values a user would
 * replace (database address and user, secrets file, output folder, store endpoint) swapped for this test's real
 * servers (PostgreSQL, S3Proxy, Azurite; GCS and ADLS service-principal examples are validated only):
 * it validates with no errors through the worker's REST API, its connector runs, and the secret it
 * refers to is resolved inside the worker but never returned by {@code GET /connectors/{name}/config}.
 */
class ConfigExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of(System.getProperty("fsconnect.examples.dir", "."));
    private static final String SECRETS_FILE_IN_EXAMPLES = "/etc/kafka/fsconnect-secrets.properties";

    private static final String S3_ACCESS_KEY = "fsconnect-examples";
    private static final String S3_SECRET_KEY = "fsconnect-examples-secret";
    private static final String ADLS_CLIENT_SECRET = "fsconnect-examples-client-secret";

    @TempDir
    static Path tmp;
    private static PostgresServer postgres;
    private static S3Proxy s3proxy;
    private static AzuriteServer azurite;
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
        s3proxy = S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V4, S3_ACCESS_KEY, S3_SECRET_KEY)
            .ignoreUnknownHeaders(true)
            .build();
        try {
            s3proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start S3Proxy: " + e.getMessage(), e);
        }
        Await.until("S3Proxy to start", Duration.ofSeconds(60), () -> "STARTED".equals(s3proxy.getState()));
        azurite = AzuriteServer.start();
        Files.writeString(secretsFile, "shop.password=" + postgres.password() + "\n"
            + "s3.secret.access.key=" + S3_SECRET_KEY + "\n"
            + "adls.account.key=" + azurite.accountKey() + "\n"
            + "adls.client.secret=" + ADLS_CLIENT_SECRET + "\n");
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
        if (azurite != null) {
            azurite.close();
        }
        if (s3proxy != null) {
            try {
                s3proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop S3Proxy: " + e.getMessage(), e);
            }
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
        if ("gcs".equals(config.get("datasource.type")) || config.containsKey("datasource.tenant.id")) {
            // No GCS server can be reached from the tests, and Entra ID bearer tokens need Azurite over HTTPS with
            // a token endpoint: these examples are validated, not run.
            return;
        }

        cluster.rest().putConfig(example.name(), config);
        cluster.rest().awaitRunning(example.name(), 1, Duration.ofSeconds(60));
        Map<String, String> stored = cluster.rest().config(example.name());
        for (String secret : List.of(postgres.password(), S3_SECRET_KEY, azurite.accountKey(), ADLS_CLIENT_SECRET)) {
            assertThat(stored.values()).as("config returned by the REST API").noneMatch(v -> v.contains(secret));
        }
        if (config.containsKey("connection.password")) {
            assertThat(stored.get("connection.password")).startsWith("${file:");
        }
        if (config.containsKey("topic")) {
            // The source reached the database with the resolved secret: its rows arrive.
            assertThat(cluster.consumeAtLeast(1, Duration.ofSeconds(60), config.get("topic"))).isNotEmpty();
        }
        cluster.rest().delete(example.name());
    }

    /**
     * Swaps what a user would swap: database address and user, secrets file, output folder, and the store: S3 data
     * sources go to the in-process S3Proxy (an assumed role's STS too: sessions are only requested when a file is
     * written, which the short run does not reach), ADLS data sources to Azurite.
     */
    private static Map<String, String> forThisSite(Map<String, String> example) {
        Map<String, String> config = new HashMap<>();
        example.forEach((key, value) -> config.put(key, value.replace(SECRETS_FILE_IN_EXAMPLES, secretsFile.toString())));
        config.computeIfPresent("connection.url", (k, v) -> postgres.jdbcUrl());
        config.computeIfPresent("connection.user", (k, v) -> postgres.user());
        String store = config.getOrDefault("datasource.type", "");
        if (store.equals("local")) {
            config.computeIfPresent("datasource.path", (k, v) -> tmp.resolve("training-data").toString());
        } else if (store.equals("s3")) {
            String endpoint = "http://127.0.0.1:" + s3proxy.getPort();
            config.put("datasource.endpoint", endpoint);
            config.put("datasource.path.style.access", "true");
            config.computeIfPresent("datasource.access.key.id", (k, v) -> S3_ACCESS_KEY);
            if (config.containsKey("datasource.iam.role")) {
                config.put("datasource.sts.endpoint", endpoint);
            }
        } else if (store.equals("adls")) {
            config.put("datasource.endpoint", azurite.blobEndpoint().toString());
            config.put("datasource.account.name", azurite.accountName());
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
