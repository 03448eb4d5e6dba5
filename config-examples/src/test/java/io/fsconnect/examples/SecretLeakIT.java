package io.fsconnect.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fsconnect.auth.provider.DataSourceConfigProvider;
import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.HttpResult;
import io.fsconnect.testkit.PostgresServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planted secrets never leave the worker. Secret values (random, so any occurrence is a leak) sit in data-source
 * definitions served by the data-source config provider and in a secrets file read by Kafka's file provider. A
 * real cluster validates, creates, runs, fails, restarts and deletes JDBC sources (against a real PostgreSQL whose
 * users have the planted passwords) and an object-store sink that refers to a data source with a planted key,
 * all through the REST API; then no log line (everything the JVM logs at INFO and above, with stack traces), no
 * REST response body, no task config and no record of the config topic may contain a planted value.
 */
class SecretLeakIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String CONFIG_TOPIC = "fsconnect-leak-configs";
    private static final String SOURCE = "io.fsconnect.source.jdbc.JdbcSourceConnector";
    private static final String SINK = "io.fsconnect.sink.ObjectStoreSinkConnector";

    /** The database user's real password, in a data-source definition and in a secrets file. */
    private static final String PASSWORD = planted("password");
    private static final String WRONG_PASSWORD = planted("wrong-password");
    private static final String S3_SECRET = planted("s3-secret");
    private static final List<String> PLANTED = List.of(PASSWORD, WRONG_PASSWORD, S3_SECRET);

    @TempDir
    static Path tmp;
    private static PostgresServer postgres;
    private static ConnectCluster cluster;
    private static LogCapture logs;
    private static Path secretsFile;
    private static Path datasources;
    private static final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    private static S3Proxy s3proxy;

    @BeforeAll
    static void start() throws IOException {
        logs = LogCapture.install();
        postgres = PostgresServer.start();
        postgres.execute(
            "CREATE TABLE orders (order_id BIGSERIAL PRIMARY KEY, amount NUMERIC(12,2) NOT NULL)",
            "INSERT INTO orders (amount) SELECT i * 1.25 FROM generate_series(1, 20) AS i",
            // From here on only the planted password opens the database.
            "ALTER ROLE " + postgres.user() + " PASSWORD '" + PASSWORD + "'");

        datasources = Files.createDirectory(tmp.resolve("datasources"));
        define(datasources, "orders_pg", "type=jdbc", "connection.url=" + postgres.jdbcUrl(),
            "connection.user=" + postgres.user(), "connection.password=" + PASSWORD);
        define(datasources, "orders_wrong", "type=jdbc", "connection.url=" + postgres.jdbcUrl(),
            "connection.user=" + postgres.user(), "connection.password=" + WRONG_PASSWORD);
        // A real S3 endpoint that knows only its own key pair: the planted key is refused (403), a failure the
        // sink does not retry, so the sink fails for real with the planted secret on its error path.
        s3proxy = S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V4, "AKIDOTHERUSER", "other-user-secret-key")
            .ignoreUnknownHeaders(true)
            .build();
        try {
            s3proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start S3Proxy: " + e.getMessage(), e);
        }
        Await.until("S3Proxy to start", Duration.ofSeconds(60), () -> "STARTED".equals(s3proxy.getState()));
        define(datasources, "lake", "type=s3", "bucket=features", "endpoint=http://127.0.0.1:" + s3proxy.getPort(),
            "path.style.access=true", "access.key.id=AKIDLEAKTEST", "secret.access.key=" + S3_SECRET);
        secretsFile = tmp.resolve("secrets.properties");
        Files.writeString(secretsFile, "orders.password=" + PASSWORD + "\n", StandardCharsets.UTF_8);

        cluster = ConnectCluster.start(1, Map.of(
            "config.providers", "datasource,file",
            "config.providers.datasource.class", DataSourceConfigProvider.class.getName(),
            "config.providers.datasource.param.dir", datasources.toString(),
            "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
            "config.storage.topic", CONFIG_TOPIC));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (s3proxy != null) {
            try {
                s3proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop S3Proxy: " + e.getMessage(), e);
            }
        }
        if (logs != null) {
            logs.remove();
        }
    }

    @Test
    void plantedSecretsAppearInNoLogRestResponseTaskConfigOrConfigRecord() throws IOException, SQLException {
        Map<String, String> byDataSource = source("orders_ds",
            "${datasource:orders_pg:connection.url}", "${datasource:orders_pg:connection.user}",
            "${datasource:orders_pg:connection.password}");
        Map<String, String> byFile = source("orders_file", postgres.jdbcUrl(), postgres.user(),
            "${file:" + secretsFile + ":orders.password}");
        Map<String, String> wrong = source("orders_wrong",
            "${datasource:orders_wrong:connection.url}", "${datasource:orders_wrong:connection.user}",
            "${datasource:orders_wrong:connection.password}");
        Map<String, String> sink = new HashMap<>(Map.of(
            "connector.class", SINK, "tasks.max", "1", "topics", "orders_ds",
            "format", "json", "flush.size", "1",
            "datasource", "${datasource:lake}",
            "lake.secret", "${datasource:lake:secret.access.key}"));

        // Validation resolves the placeholders inside the worker: the good ones pass, the wrong password fails.
        assertThat(errorCount(call("PUT", "/connector-plugins/JdbcSourceConnector/config/validate", byDataSource)))
            .isZero();
        assertThat(errorCount(call("PUT", "/connector-plugins/JdbcSourceConnector/config/validate", byFile))).isZero();
        assertThat(errorCount(call("PUT", "/connector-plugins/JdbcSourceConnector/config/validate", wrong)))
            .isPositive();
        call("PUT", "/connector-plugins/ObjectStoreSinkConnector/config/validate", sink);

        assertThat(call("PUT", "/connectors/orders_wrong/config", wrong).status()).as("creating with a wrong password")
            .isEqualTo(400);

        // Both good sources reach the database with their resolved passwords: their rows arrive.
        create("orders_ds", byDataSource);
        create("orders_file", byFile);
        assertThat(cluster.consumeAtLeast(20, TIMEOUT, "orders_ds")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(cluster.consumeAtLeast(20, TIMEOUT, "orders_file")).hasSizeGreaterThanOrEqualTo(20);

        // Failures: a wrong password at run time (the definition is re-read at restart), a dropped table, a sink
        // that cannot write.
        define(datasources, "orders_pg", "type=jdbc", "connection.url=" + postgres.jdbcUrl(),
            "connection.user=" + postgres.user(), "connection.password=" + WRONG_PASSWORD);
        call("POST", "/connectors/orders_ds/restart?includeTasks=true&onlyFailed=false", null);
        awaitFailure("orders_ds");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE orders");
        }
        awaitFailure("orders_file");
        create("lake_sink", sink);
        awaitFailure("lake_sink");

        for (String connector : List.of("orders_ds", "orders_file", "orders_wrong", "lake_sink")) {
            call("POST", "/connectors/" + connector + "/restart?includeTasks=true&onlyFailed=false", null);
        }
        awaitFailure("orders_ds");
        awaitFailure("orders_file");
        for (String connector : List.of("orders_ds", "orders_file", "orders_wrong", "lake_sink")) {
            call("GET", "/connectors/" + connector, null);
            call("GET", "/connectors/" + connector + "/config", null);
            call("GET", "/connectors/" + connector + "/tasks", null);
            call("GET", "/connectors/" + connector + "/status", null);
            call("GET", "/connectors/" + connector + "/offsets", null);
        }
        call("GET", "/connectors?expand=status&expand=info", null);
        for (String connector : List.of("orders_ds", "orders_file", "orders_wrong", "lake_sink")) {
            call("DELETE", "/connectors/" + connector, null);
            cluster.rest().awaitDeleted(connector, TIMEOUT);
        }

        assertThat(bodies).as("REST responses").isNotEmpty();
        assertThat(String.join("\n", bodies)).as("a failed task's trace was among the responses").contains("FAILED");
        for (String body : bodies) {
            assertNoPlantedValue("a REST response", body);
        }
        List<ConsumerRecord<byte[], byte[]>> configRecords = cluster.consumeAll(CONFIG_TOPIC);
        assertThat(configRecords).as("records of the config topic").isNotEmpty();
        for (ConsumerRecord<byte[], byte[]> record : configRecords) {
            if (record.value() != null) {
                assertNoPlantedValue("config record " + new String(record.key(), StandardCharsets.UTF_8),
                    new String(record.value(), StandardCharsets.UTF_8));
            }
        }
        List<String> lines = logs.lines();
        assertThat(String.join("\n", lines)).as("the captured log").contains("orders_wrong", "orders_ds");
        for (String line : lines) {
            assertNoPlantedValue("a log line", line);
        }
    }

    private static Map<String, String> source(String topic, String url, String user, String password) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SOURCE);
        config.put("name", topic);
        config.put("tasks.max", "1");
        config.put("connection.url", url);
        config.put("connection.user", user);
        config.put("connection.password", password);
        config.put("table.name", "orders");
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "order_id");
        config.put("primary.key.columns", "order_id");
        config.put("poll.interval.ms", "500");
        config.put("topic", topic);
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.replication.factor", "1");
        return config;
    }

    private static void create(String name, Map<String, String> config) {
        HttpResult result = call("PUT", "/connectors/" + name + "/config", config);
        assertThat(result.isSuccess()).as("creating %s: %s", name, result).isTrue();
    }

    /** Waits until the connector or one of its tasks is FAILED, reading (and recording) its status. */
    private static void awaitFailure(String connector) {
        Await.until(connector + " to fail", TIMEOUT,
            () -> call("GET", "/connectors/" + connector + "/status", null).body().contains("\"FAILED\""));
    }

    private static HttpResult call(String method, String path, Map<String, String> body) {
        try {
            HttpResult result = cluster.rest().raw(method, path, body == null ? null : JSON.writeValueAsString(body));
            bodies.add(method + " " + path + " -> " + result.status() + " " + result.body());
            return result;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int errorCount(HttpResult validation) throws IOException {
        assertThat(validation.status()).as("validate: %s", validation.body()).isEqualTo(200);
        return JSON.readTree(validation.body()).get("error_count").asInt();
    }

    private static void assertNoPlantedValue(String where, String text) {
        for (String secret : PLANTED) {
            assertThat(text).as("%s must not contain a planted secret", where).doesNotContain(secret);
        }
    }

    private static void define(Path dir, String name, String... lines) throws IOException {
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static String planted(String what) {
        return "PLANTED_" + what + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Every event the JVM logs at INFO and above, formatted with its whole stack trace, from the moment it is
     * installed until it is removed (which restores the configured levels).
     */
    private static final class LogCapture extends AbstractAppender {

        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        private LogCapture() {
            super("secret-leak-capture", null, null, true, Property.EMPTY_ARRAY);
        }

        static LogCapture install() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            Configuration configuration = context.getConfiguration();
            LogCapture capture = new LogCapture();
            capture.start();
            configuration.addAppender(capture);
            Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.INFO);
            configuration.getRootLogger().addAppender(capture, Level.INFO, null);
            for (LoggerConfig logger : configuration.getLoggers().values()) {
                if (!logger.isAdditive()) {
                    logger.addAppender(capture, Level.INFO, null);
                }
            }
            context.updateLoggers();
            return capture;
        }

        void remove() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.reconfigure();
            stop();
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + ": "
                + event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }
    }
}
