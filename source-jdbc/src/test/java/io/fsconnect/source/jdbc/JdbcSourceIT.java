package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.PostgresServer;
import io.fsconnect.testkit.ValidationResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector on a real Connect cluster (JSON converters with schemas) reading a real PostgreSQL:
 * what users see in the topic, across new rows and restarts.
 */
class JdbcSourceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static ConnectCluster cluster;
    private static PostgresServer postgres;
    private static final JsonConverter KEYS = converter(true);
    private static final JsonConverter VALUES = converter(false);

    @BeforeAll
    static void startServers() {
        postgres = PostgresServer.start();
        cluster = ConnectCluster.start();
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

    @Test
    void bulkModeCopiesATableWithItsTypes() {
        postgres.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name TEXT NOT NULL, active BOOLEAN, "
                + "balance NUMERIC(12,2), signed_up TIMESTAMP, photo BYTEA)",
            "INSERT INTO customers VALUES (1, 'ann', true, 10.50, '2024-03-01 10:00:00', '\\x0102'), "
                + "(2, 'bob', false, -3.25, '2024-03-02 11:00:00', NULL), (3, 'cid', NULL, NULL, NULL, NULL)");
        cluster.createTopic("customers", 1);
        Map<String, String> config = connectorConfig("customers");
        config.put("table.name", "customers");
        config.put("primary.key.columns", "id");
        config.put("poll.interval.ms", "3600000");
        cluster.rest().putConfig("customers-bulk", config);
        cluster.rest().awaitRunning("customers-bulk", 1, TIMEOUT);

        List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(3, TIMEOUT, "customers");
        Struct ann = value(records.get(0));
        assertThat(ann.get("name")).isEqualTo("ann");
        assertThat(ann.get("active")).isEqualTo(true);
        assertThat(ann.get("balance")).isEqualTo(new BigDecimal("10.50"));
        assertThat(ann.get("signed_up")).isEqualTo(Date.from(Instant.parse("2024-03-01T10:00:00Z")));
        assertThat(ann.get("photo")).isEqualTo(new byte[] {1, 2});
        assertThat(records).extracting(r -> key(r).get("id")).containsExactly(1L, 2L, 3L);
        assertThat(value(records.get(2)).get("balance")).isNull();
        cluster.rest().delete("customers-bulk");
    }

    @Test
    void incrementingGroupByQueryDeliversNewRowsOnceWithKeyAndEventTimeAndResumesAfterRestart() {
        postgres.execute("CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, customer_id INT NOT NULL, "
                + "amount NUMERIC(10,2) NOT NULL, placed_at TIMESTAMP NOT NULL)",
            "INSERT INTO orders (customer_id, amount, placed_at) VALUES "
                + "(10, 5.00, '2024-03-01 10:00:00'), (20, 7.50, '2024-03-01 11:00:00'), (10, 2.25, '2024-03-01 12:00:00')");
        cluster.createTopic("orders-by-customer", 1);
        Map<String, String> config = connectorConfig("orders-by-customer");
        config.put("query", """
            SELECT customer_id, COUNT(*) AS order_count, CAST(SUM(amount) AS NUMERIC(12,2)) AS total,
                   MAX(id) AS last_order_id, MAX(placed_at) AS last_order_at
            FROM orders
            GROUP BY customer_id""");
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "last_order_id");
        config.put("primary.key.columns", "customer_id");
        config.put("event.time.column", "last_order_at");
        config.put("poll.interval.ms", "200");
        config.put("batch.max.rows", "2");
        String name = "orders-incrementing";
        cluster.rest().putConfig(name, config);
        cluster.rest().awaitRunning(name, 1, TIMEOUT);

        List<ConsumerRecord<byte[], byte[]>> first = cluster.consumeAtLeast(2, TIMEOUT, "orders-by-customer");
        assertThat(first).extracting(r -> key(r).get("customer_id")).containsExactly(20, 10);
        Struct customer10 = value(first.get(1));
        assertThat(customer10.get("order_count")).isEqualTo(2L);
        assertThat(customer10.get("total")).isEqualTo(new BigDecimal("7.25"));
        assertThat(first.get(1).timestamp()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z").toEpochMilli());

        // Rows inserted while the connector runs arrive in the next cycles.
        postgres.execute("INSERT INTO orders (customer_id, amount, placed_at) VALUES (30, 1.00, '2024-03-02 09:00:00')",
            "INSERT INTO orders (customer_id, amount, placed_at) VALUES (20, 2.50, '2024-03-02 10:00:00')");
        List<ConsumerRecord<byte[], byte[]>> live = cluster.consumeAtLeast(4, TIMEOUT, "orders-by-customer");
        assertThat(live.subList(2, live.size())).extracting(r -> value(r).get("last_order_id"))
            .containsExactly(4L, 5L);
        assertThat(value(live.get(3)).get("total")).isEqualTo(new BigDecimal("10.00"));

        // Once the offset of the last row is stored, a restart resumes after it.
        Await.until("the offset of the last row read to be stored", TIMEOUT,
            () -> Objects.equals(storedIncrementing(name), 5L));
        cluster.rest().restart(name, true, false);
        cluster.rest().awaitRunning(name, 1, TIMEOUT);
        postgres.execute("INSERT INTO orders (customer_id, amount, placed_at) VALUES (40, 9.99, '2024-03-03 08:00:00')");
        List<ConsumerRecord<byte[], byte[]>> all = cluster.consumeAtLeast(5, TIMEOUT, "orders-by-customer");
        assertThat(all).extracting(r -> value(r).get("last_order_id")).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(all.get(4).timestamp()).isEqualTo(Instant.parse("2024-03-03T08:00:00Z").toEpochMilli());
        Await.until("the offset of the newest row to be stored", TIMEOUT, () -> Objects.equals(storedIncrementing(name), 6L));
        assertThat(cluster.consumeAll("orders-by-customer")).hasSize(5);
        cluster.rest().delete(name);
    }

    @Test
    void deletingTheConnectorCancelsAQueryInFlightOnTheServer() {
        cluster.createTopic("slow", 1);
        Map<String, String> config = connectorConfig("slow");
        config.put("query", "SELECT n AS id FROM generate_series(1, 3) AS n, pg_sleep(600)");
        cluster.rest().putConfig("slow-query", config);
        cluster.rest().awaitRunning("slow-query", 1, TIMEOUT);
        Await.until("the slow query to run on the server", TIMEOUT, () -> activeSleepingQueries() == 1);

        cluster.rest().delete("slow-query");
        cluster.rest().awaitDeleted("slow-query", TIMEOUT);
        Await.until("the slow query to be cancelled on the server", TIMEOUT, () -> activeSleepingQueries() == 0);
    }

    private static long activeSleepingQueries() {
        try (var connection = postgres.connect(); var statement = connection.createStatement();
             var result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                 + "AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep(600)%'")) {
            result.next();
            return result.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot list the server's active queries: " + e.getMessage(), e);
        }
    }

    @Test
    void validationReportsRejectedCredentialsOnTheUrlWithoutThePassword() {
        Map<String, String> config = connectorConfig("unused");
        config.put("table.name", "anything");
        config.put("connection.password", "not-the-password");
        ValidationResult result = cluster.rest().validate(JdbcSourceConnector.class.getName(), config);
        assertThat(result.errorsByKey()).containsOnlyKeys("connection.url");
        assertThat(result.errors("connection.url")).singleElement().asString()
            .contains("rejected the credentials").contains("connection.password").doesNotContain("not-the-password");
    }

    private static Map<String, String> connectorConfig(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("connection.url", postgres.jdbcUrl());
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("topic", topic);
        return config;
    }

    @SuppressWarnings("unchecked")
    private static Object storedIncrementing(String connector) {
        List<Map<String, Object>> offsets = (List<Map<String, Object>>) cluster.rest().offsets(connector).get("offsets");
        return offsets.stream().map(o -> (Map<String, Object>) o.get("offset"))
            .map(o -> o.get("incrementing")).filter(Objects::nonNull)
            .map(v -> ((Number) v).longValue()).findFirst().orElse(null);
    }

    private static Struct key(ConsumerRecord<byte[], byte[]> record) {
        SchemaAndValue key = KEYS.toConnectData(record.topic(), record.key());
        return (Struct) key.value();
    }

    private static Struct value(ConsumerRecord<byte[], byte[]> record) {
        return (Struct) VALUES.toConnectData(record.topic(), record.value()).value();
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), isKey);
        return converter;
    }
}
