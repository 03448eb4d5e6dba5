package io.fsconnect.auth.provider;

import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.ConnectRest;
import io.fsconnect.testkit.HttpResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Connect cluster whose workers use the data-source config provider: a connector refers to a named data
 * source by placeholders, its tasks run with the resolved values, and the planted secret appears nowhere Connect
 * stores or shows configs — not in the config topic, not in GET /connectors/{name}/config, not in the task configs.
 */
class DataSourceConfigProviderIT {

    private static final String SECRET = "pl4nted-1t-s3cret-5150";
    private static final String CONFIG_TOPIC = "fsconnect-auth-it-configs";
    private static final String RESOLVED_TOPIC = "orders_from_datasource";
    private static final String CONNECTOR = "orders-source";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static ConnectCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        Files.writeString(dir.resolve("orders_pg.properties"), String.join("\n",
                "type=jdbc",
                "description=The orders database",
                "connection.url=jdbc:postgresql://db.internal:5432/orders",
                "connection.user=etl",
                "connection.password=" + SECRET,
                "options.topic=" + RESOLVED_TOPIC), StandardCharsets.UTF_8);
        // As an operator protects a definition with inline secrets.
        Files.setPosixFilePermissions(dir.resolve("orders_pg.properties"), PosixFilePermissions.fromString("rw-------"));
        cluster = ConnectCluster.start(1, Map.of(
                "config.providers", "datasource",
                "config.providers.datasource.class", DataSourceConfigProvider.class.getName(),
                "config.providers.datasource.param.dir", dir.toString(),
                "config.storage.topic", CONFIG_TOPIC));
        cluster.createTopic(RESOLVED_TOPIC, 1);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void secretsResolveInsideTheWorkerAndAreNeverStoredOrShown() {
        Map<String, String> config = Map.of(
                "connector.class", "org.apache.kafka.connect.integration.TestableSourceConnector",
                "tasks.max", "1",
                "throughput", "20",
                "max.messages", "3",
                // The task writes to the topic named in the data source: proof that the worker resolved it.
                "topic", "${datasource:orders_pg:options.topic}",
                "datasource", "${datasource:orders_pg}",
                "database.password", "${datasource:orders_pg:connection.password}");
        ConnectRest rest = cluster.rest();
        rest.putConfig(CONNECTOR, config);
        rest.awaitRunning(CONNECTOR, 1, TIMEOUT);
        assertThat(cluster.consumeAtLeast(3, TIMEOUT, RESOLVED_TOPIC)).hasSizeGreaterThanOrEqualTo(3);

        Map<String, String> shown = rest.config(CONNECTOR);
        assertThat(shown).containsEntry("datasource", "${datasource:orders_pg}")
                .containsEntry("database.password", "${datasource:orders_pg:connection.password}");
        assertThat(shown.toString()).doesNotContain(SECRET);

        List<Map<String, String>> tasks = rest.taskConfigs(CONNECTOR);
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0)).containsEntry("datasource", "${datasource:orders_pg}")
                .containsEntry("topic", "${datasource:orders_pg:options.topic}");
        assertThat(tasks.toString()).doesNotContain(SECRET);

        for (ConsumerRecord<byte[], byte[]> stored : cluster.consumeAll(CONFIG_TOPIC)) {
            if (stored.value() != null) {
                assertThat(new String(stored.value(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
            }
        }

        HttpResult validation = rest.raw("PUT", "/connector-plugins/TestableSourceConnector/config/validate",
                "{\"connector.class\":\"org.apache.kafka.connect.integration.TestableSourceConnector\","
                        + "\"name\":\"check\",\"topic\":\"t\",\"datasource\":\"${datasource:orders_pg}\"}");
        assertThat(validation.status()).isEqualTo(200);
        assertThat(validation.body()).doesNotContain(SECRET);
    }
}
