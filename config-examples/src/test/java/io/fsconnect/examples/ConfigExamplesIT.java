package io.fsconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStoreSelection;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.format.RecordWriter;
import io.fsconnect.storage.format.avro.AvroCodec;
import io.fsconnect.storage.format.avro.AvroFormat;
import io.fsconnect.storage.format.parquet.ParquetCodec;
import io.fsconnect.storage.format.parquet.ParquetFormat;
import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.AzuriteServer;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.MariaDbServer;
import io.fsconnect.testkit.PostgresServer;
import io.fsconnect.testkit.SignedRequests;
import io.fsconnect.testkit.ValidationResult;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
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
 * servers (PostgreSQL, MariaDB, a SQLite file, S3Proxy, Azurite; GCS and ADLS service-principal examples are
 * validated only): it validates with no errors through the worker's REST API, its connector runs, and the secret it
 * refers to is resolved inside the worker but never returned by {@code GET /connectors/{name}/config}. Connectors
 * that name a data source ({@code ${datasource:<name>}}) read the definition of that name from datasources/, as a
 * worker's data-source config provider serves it, with the same kind of values swapped. Snowflake and Redshift
 * examples are validated against the real drivers with no server to reach: the one error allowed is on
 * {@code datasource}, the connection attempt, which an account or cluster that is reachable does not give.
 *
 * <p>Before an object-store source example runs, one object of its format is put under its prefix (its
 * bucket or container created), so that, like the JDBC examples, its records are awaited in its topic.
 */
class ConfigExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of(System.getProperty("fsconnect.examples.dir", "."));
    private static final String SECRETS_FILE_IN_EXAMPLES = "/etc/kafka/fsconnect-secrets.properties";
    private static final String SECRETS_DIR_IN_DATASOURCES = "/etc/fsconnect/secrets/";
    private static final Pattern FILE_PLACEHOLDER = Pattern.compile(
        Pattern.quote("${file:" + SECRETS_DIR_IN_DATASOURCES) + "([^:}]+):([^}]+)}");
    private static final Pattern WAREHOUSE_REFERENCE = Pattern.compile("\\$\\{datasource:(snowflake|redshift)-[^}]*}");
    private static final String KEY_PASSPHRASE = "fsconnect-examples-passphrase";

    private static final String S3_ACCESS_KEY = "fsconnect-examples";
    private static final String S3_SECRET_KEY = "fsconnect-examples-secret";
    private static final String ADLS_CLIENT_SECRET = "fsconnect-examples-client-secret";
    private static final String OBJECT_STORE_SOURCE = "io.fsconnect.source.objectstore.ObjectStoreSourceConnector";
    /** Any {@code ${file:<path>:<key>}} in an example, as the worker's FileConfigProvider resolves it. */
    private static final Pattern ANY_FILE_PLACEHOLDER = Pattern.compile("\\$\\{file:([^:}]+):([^}]+)}");
    private static final Schema ORDER = SchemaBuilder.struct().name("com.example.Order")
        .field("order_id", Schema.INT64_SCHEMA)
        .field("customer_id", Schema.INT32_SCHEMA)
        .field("ordered_at", Timestamp.SCHEMA)
        .field("amount", Schema.FLOAT64_SCHEMA)
        .build();
    private static final long FIRST_ORDER_AT = 1_767_225_600_000L;

    @TempDir
    static Path tmp;
    private static PostgresServer postgres;
    private static MariaDbServer mariadb;
    private static S3Proxy s3proxy;
    private static AzuriteServer azurite;
    private static ConnectCluster cluster;
    private static Path secretsFile;
    private static final Set<String> CREATED_BUCKETS = new HashSet<>();

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
        mariadb = MariaDbServer.start();
        mariadb.execute(
            "CREATE TABLE orders (order_id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, "
                + "ordered_at DATETIME(3) NOT NULL, amount DECIMAL(12,2) NOT NULL)",
            "INSERT INTO orders (customer_id, ordered_at, amount) VALUES (1, '2026-01-01 10:00:00', 12.50), "
                + "(2, '2026-01-01 11:00:00', 7.25)");
        Path sqliteFile = tmp.resolve("readings.db");
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
             Statement statement = sqlite.createStatement()) {
            statement.execute("CREATE TABLE readings (reading_id INTEGER PRIMARY KEY, sensor TEXT NOT NULL, "
                + "read_at BIGINT NOT NULL, celsius REAL NOT NULL)");
            statement.execute("INSERT INTO readings VALUES (1, 'north-1', 1767261600000, 21.5), "
                + "(2, 'north-2', 1767261660000, 19.0)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the SQLite database " + sqliteFile + ": " + e.getMessage(), e);
        }
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
        Path datasources = dataSourcesForThisSite(sqliteFile);
        cluster = ConnectCluster.start(2, Map.of(
            "config.providers", "file,datasource",
            "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
            "config.providers.datasource.class", "io.fsconnect.auth.provider.DataSourceConfigProvider",
            "config.providers.datasource.param.dir", datasources.toString()));
    }

    @AfterAll
    static void stopServers() {
        if (cluster != null) {
            cluster.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (mariadb != null) {
            mariadb.close();
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
    void exampleValidatesRunsAndKeepsItsSecretOut(Example example) throws Exception {
        Map<String, String> config = forThisSite(example.config());

        ValidationResult validation = cluster.rest().validate(config.get("connector.class"), config);
        if (WAREHOUSE_REFERENCE.matcher(config.getOrDefault("datasource", "")).matches()) {
            // No Snowflake account or Redshift cluster is reachable from the tests: everything but the connection
            // attempt must pass, and the attempt must fail as an unreachable server does, not on the configuration.
            assertThat(validation.errorsByKey().keySet()).as("keys with errors of %s: %s", example,
                validation.errorsByKey()).containsOnly("datasource");
            assertThat(validation.errors("datasource")).as("errors of %s", example).singleElement()
                .asString().startsWith("Cannot connect");
            return;
        }
        assertThat(validation.errorsByKey()).as("validation errors of %s", example).isEmpty();
        assertThat(validation.errorCount()).isZero();
        if ("gcs".equals(config.get("datasource.type")) || config.containsKey("datasource.tenant.id")) {
            // No GCS server can be reached from the tests, and Entra ID bearer tokens need Azurite over HTTPS with
            // a token endpoint: these examples are validated, not run.
            return;
        }

        Optional<String> topic = OBJECT_STORE_SOURCE.equals(config.get("connector.class"))
            ? seedOneObject(config)
            : Optional.ofNullable(config.get("topic"));
        cluster.rest().putConfig(example.name(), config);
        // An object-store source starts tasks.max tasks, even for a single object.
        int tasks = OBJECT_STORE_SOURCE.equals(config.get("connector.class"))
            ? Integer.parseInt(config.get("tasks.max")) : 1;
        cluster.rest().awaitRunning(example.name(), tasks, Duration.ofSeconds(60));
        Map<String, String> stored = cluster.rest().config(example.name());
        for (String secret : List.of(postgres.password(), mariadb.password(), S3_SECRET_KEY, azurite.accountKey(),
                ADLS_CLIENT_SECRET)) {
            assertThat(stored.values()).as("config returned by the REST API").noneMatch(v -> v.contains(secret));
        }
        if (config.containsKey("connection.password")) {
            assertThat(stored.get("connection.password")).startsWith("${file:");
        }
        if (topic.isPresent()) {
            // The source reached its database or store with the resolved secret: its rows arrive.
            assertThat(cluster.consumeAtLeast(1, Duration.ofSeconds(60), topic.get())).isNotEmpty();
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

    /**
     * The definitions of datasources/ as this site's workers would have them: databases at this test's servers and
     * SQLite file, a short login timeout for the unreachable Snowflake accounts (the driver would otherwise retry for
     * minutes), and every secret under /etc/fsconnect/secrets/ in a file of this test, the
     * Snowflake private key being a real encrypted PKCS#8 key made with openssl.
     */
    private static Path dataSourcesForThisSite(Path sqliteFile) throws IOException {
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        Path dir = Files.createDirectories(tmp.resolve("datasources"));
        Map<String, Properties> secretFiles = new TreeMap<>();
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("datasources"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                String text = Files.readString(file);
                Matcher placeholder = FILE_PLACEHOLDER.matcher(text);
                while (placeholder.find()) {
                    String key = placeholder.group(2);
                    String value = file.getFileName().toString().equals("jdbc-postgres.properties") ? postgres.password()
                        : file.getFileName().toString().equals("jdbc-mariadb.properties") ? mariadb.password()
                        : key.equals("passphrase") ? KEY_PASSPHRASE : "fsconnect-examples-" + key;
                    secretFiles.computeIfAbsent(placeholder.group(1), name -> new Properties()).setProperty(key, value);
                }
                Properties definition = new Properties();
                definition.load(new StringReader(text.replace(SECRETS_DIR_IN_DATASOURCES, secrets + "/")));
                String type = definition.getProperty("type");
                String url = definition.getProperty("connection.url", "");
                if (url.startsWith("jdbc:postgresql:")) {
                    definition.setProperty("connection.url", postgres.jdbcUrl());
                    definition.setProperty("connection.user", postgres.user());
                } else if (url.startsWith("jdbc:mariadb:")) {
                    definition.setProperty("connection.url", mariadb.jdbcUrl());
                    definition.setProperty("connection.user", mariadb.user());
                } else if (url.startsWith("jdbc:sqlite:")) {
                    definition.setProperty("connection.url", "jdbc:sqlite:" + sqliteFile);
                } else if ("snowflake".equals(type)) {
                    // The account cannot be reached from here; the driver would keep retrying for minutes.
                    definition.setProperty("options.loginTimeout", "5");
                }
                try (var out = Files.newBufferedWriter(dir.resolve(file.getFileName()))) {
                    definition.store(out, "as defined on this site");
                }
            }
        }
        for (Map.Entry<String, Properties> file : secretFiles.entrySet()) {
            try (var out = Files.newBufferedWriter(secrets.resolve(file.getKey()))) {
                file.getValue().store(out, null);
            }
        }
        encryptedPrivateKey(secrets.resolve("snowflake_rsa_key.p8"));
        return dir;
    }

    private static void encryptedPrivateKey(Path file) throws IOException {
        Process openssl = new ProcessBuilder("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
            "-aes-256-cbc", "-pass", "pass:" + KEY_PASSPHRASE, "-out", file.toString()).redirectErrorStream(true).start();
        try {
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException("Cannot make a private key with openssl: "
                    + new String(openssl.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot make a private key with openssl: interrupted", e);
        }
    }

    /**
     * Puts one object of the example's {@code input.format} with three orders under its {@code input.prefix}, in a
     * folder {@code orders/}, creating the bucket or container first, and returns the topic its records go to. An
     * assumed role's example gets none and awaits no records: S3Proxy has no STS, so the role's sessions cannot be
     * obtained here and the example runs without reading.
     */
    private static Optional<String> seedOneObject(Map<String, String> config) throws Exception {
        if (config.containsKey("datasource.iam.role")) {
            return Optional.empty();
        }
        String format = config.get("input.format");
        String key = config.getOrDefault("input.prefix", "") + "orders/part-0000." + format;
        Map<String, String> resolved = new HashMap<>();
        config.forEach((k, v) -> resolved.put(k, resolveSecrets(v)));
        String store = config.get("datasource.type");
        if (store.equals("s3") && CREATED_BUCKETS.add("s3:" + config.get("datasource.bucket"))) {
            SignedRequests.createS3Bucket(URI.create(config.get("datasource.endpoint")),
                config.getOrDefault("datasource.region", "us-east-1"), S3_ACCESS_KEY, S3_SECRET_KEY,
                config.get("datasource.bucket"));
        } else if (store.equals("adls") && CREATED_BUCKETS.add("adls:" + config.get("datasource.container"))) {
            SignedRequests.createAzureContainer(azurite.blobEndpoint(), azurite.accountName(), azurite.accountKey(),
                config.get("datasource.container"));
        }
        try (ObjectStore objects = ObjectStores.open(
                ObjectStoreSelection.dataSource(resolved, "write the example's object to"), ObjectStores.Tuning.DEFAULTS);
             ObjectUpload upload = objects.create(key)) {
            writeOrders(format, upload);
        }
        return Optional.of(config.containsKey("topic") ? config.get("topic")
            : config.get("topic.template").replace("${object.path}", "orders").replace("${object.dir}", "orders")
                .replace("${object.name}", "part-0000"));
    }

    private static void writeOrders(String format, OutputStream out) throws IOException {
        switch (format) {
            case "csv" -> out.write(("order_id,customer_id,ordered_at,amount\n"
                + "1,3,2026-01-01T00:00:00Z,12.50\n2,4,2026-01-01T00:01:00Z,7.25\n3,3,2026-01-01T00:02:00Z,3.00\n")
                .getBytes(StandardCharsets.UTF_8));
            case "jsonl" -> out.write(("{\"order_id\":1,\"customer_id\":3,\"ordered_at\":\"2026-01-01T00:00:00Z\",\"amount\":12.5}\n"
                + "{\"order_id\":2,\"customer_id\":4,\"ordered_at\":\"2026-01-01T00:01:00Z\",\"amount\":7.25}\n")
                .getBytes(StandardCharsets.UTF_8));
            case "parquet", "avro" -> {
                try (RecordWriter writer = (format.equals("parquet") ? new ParquetFormat(ParquetCodec.SNAPPY)
                        : new AvroFormat(AvroCodec.DEFLATE)).open(out, Optional.of(ORDER))) {
                    for (long id = 1; id <= 3; id++) {
                        writer.write(new Struct(ORDER).put("order_id", id).put("customer_id", (int) (id % 2) + 3)
                            .put("ordered_at", new Date(FIRST_ORDER_AT + id * 60_000L)).put("amount", id * 1.25));
                    }
                    writer.commit();
                }
            }
            default -> throw new IllegalArgumentException("Cannot seed an object of input.format " + format);
        }
    }

    /** The value with each {@code ${file:<path>:<key>}} replaced as the worker's FileConfigProvider would. */
    private static String resolveSecrets(String value) {
        Matcher placeholder = ANY_FILE_PLACEHOLDER.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            Properties secrets = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(placeholder.group(1)))) {
                secrets.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the secrets file " + placeholder.group(1), e);
            }
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(secrets.getProperty(placeholder.group(2))));
        }
        return placeholder.appendTail(resolved).toString();
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
