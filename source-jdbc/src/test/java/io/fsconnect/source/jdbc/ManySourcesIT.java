package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.HttpResult;
import io.fsconnect.testkit.PostgresServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several tables and named queries read by one connector on a Connect cluster with exactly-once
 * source support enabled (the test consumer reads committed records only), against a real
 * PostgreSQL: table discovery while running, queries to their own topics, sources spread over
 * tasks, and offsets edited and reset through the REST API.
 */
class ManySourcesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static ConnectCluster cluster;
    private static PostgresServer postgres;
    private static final JsonConverter KEYS = converter(true);
    private static final JsonConverter VALUES = converter(false);

    @BeforeAll
    static void startServers() {
        postgres = PostgresServer.start();
        cluster = ConnectCluster.start(2, Map.of("exactly.once.source.support", "enabled"));
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
    void readsIncludedTablesAndFindsATableCreatedWhileRunning() {
        postgres.execute("CREATE TABLE disc_a (id BIGINT PRIMARY KEY, v TEXT)", "INSERT INTO disc_a VALUES (1, 'a1')",
            "CREATE TABLE disc_b (id BIGINT PRIMARY KEY, v TEXT)", "INSERT INTO disc_b VALUES (1, 'b1'), (2, 'b2')",
            "CREATE TABLE disc_skip (id BIGINT PRIMARY KEY, v TEXT)", "INSERT INTO disc_skip VALUES (1, 's1')");
        Map<String, String> config = connectorConfig();
        config.put("table.include.list", "public\\.disc_.*");
        config.put("table.exclude.list", "disc_skip");
        config.put("table.poll.interval.ms", "1000");
        config.put("topic.prefix", "disc-");
        config.put("tasks.max", "2");
        cluster.rest().putConfig("discovery", config);
        cluster.rest().awaitRunning("discovery", 2, TIMEOUT);

        List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(3, TIMEOUT, "disc-disc_a", "disc-disc_b");
        assertThat(records).extracting(r -> r.topic() + ":" + value(r).get("v"))
            .containsExactlyInAnyOrder("disc-disc_a:a1", "disc-disc_b:b1", "disc-disc_b:b2");
        assertThat(records).as("the table's primary key is the record key without primary.key.columns")
            .allSatisfy(r -> assertThat(key(r).schema().fields()).extracting(f -> f.name()).containsExactly("id"));

        postgres.execute("CREATE TABLE disc_c (id BIGINT PRIMARY KEY, v TEXT)", "INSERT INTO disc_c VALUES (7, 'c7')");
        List<ConsumerRecord<byte[], byte[]>> discovered = cluster.consumeAtLeast(1, TIMEOUT, "disc-disc_c");
        assertThat(value(discovered.get(0)).get("v")).isEqualTo("c7");
        assertThat(topics()).as("the excluded table has no topic").doesNotContain("disc-disc_skip");
        cluster.rest().delete("discovery");
    }

    @Test
    void namedQueriesGoToTheirOwnTopicsWithTheirOwnSettings() {
        postgres.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, store TEXT, amount INT)",
            "INSERT INTO orders VALUES (1, 'north', 50), (2, 'south', 500), (3, 'north', 20)");
        Map<String, String> config = connectorConfig();
        config.put("queries", "big,small");
        config.put("query.big.sql", "SELECT id, store, amount FROM orders WHERE amount >= 100");
        config.put("query.big.topic", "orders-big");
        config.put("query.small.sql", "SELECT id, store FROM orders WHERE amount < 100;");
        config.put("query.small.primary.key.columns", "id");
        config.put("topic.prefix", "q-");
        config.put("tasks.max", "2");
        cluster.rest().putConfig("queries", config);
        cluster.rest().awaitRunning("queries", 2, TIMEOUT);

        List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(3, TIMEOUT, "orders-big", "q-small");
        assertThat(records).extracting(r -> r.topic() + ":" + value(r).get("id"))
            .containsExactlyInAnyOrder("orders-big:2", "q-small:1", "q-small:3");
        assertThat(records.stream().filter(r -> r.topic().equals("orders-big"))).allSatisfy(r -> assertThat(r.key()).isNull());
        assertThat(records.stream().filter(r -> r.topic().equals("q-small")))
            .allSatisfy(r -> assertThat(key(r).get("id")).isEqualTo(value(r).get("id")));

        postgres.execute("INSERT INTO orders VALUES (4, 'east', 900)");
        List<ConsumerRecord<byte[], byte[]>> big = cluster.consumeAtLeast(2, TIMEOUT, "orders-big");
        assertThat(big).extracting(r -> value(r).get("id")).containsExactly(2L, 4L);
        cluster.rest().delete("queries");
    }

    @Test
    void threeTasksShareFiveTablesAndDeliverEveryRowOnce() {
        for (int t = 1; t <= 5; t++) {
            postgres.execute("CREATE TABLE five_" + t + " (id BIGINT PRIMARY KEY)",
                "INSERT INTO five_" + t + " SELECT g FROM generate_series(1, " + (10 * t) + ") g");
        }
        Map<String, String> config = connectorConfig();
        config.put("table.include.list", "five_.*");
        config.put("tasks.max", "3");
        cluster.rest().putConfig("five", config);
        cluster.rest().awaitRunning("five", 3, TIMEOUT);

        List<String> assigned = cluster.rest().taskConfigs("five").stream()
            .map(task -> task.get(SourceSettings.TASK_SOURCES)).toList();
        assertThat(assigned).hasSize(3).allSatisfy(sources -> assertThat(sources).isNotBlank());
        assertThat(assigned.stream().flatMap(s -> s.lines()).sorted().toList())
            .containsExactly("table:public.five_1", "table:public.five_2", "table:public.five_3",
                "table:public.five_4", "table:public.five_5");

        String[] topics = {"five_1", "five_2", "five_3", "five_4", "five_5"};
        cluster.consumeAtLeast(150, TIMEOUT, topics);
        for (int t = 1; t <= 5; t++) {
            List<Long> ids = cluster.consumeAll("five_" + t).stream().map(r -> (Long) value(r).get("id")).toList();
            assertThat(ids).as("rows of five_" + t).hasSize(10 * t).doesNotHaveDuplicates();
        }
        cluster.rest().delete("five");
    }

    @Test
    void offsetsCanBeEditedWithValidationAndReset() {
        postgres.execute("CREATE TABLE edits (id BIGINT PRIMARY KEY)", "INSERT INTO edits SELECT g FROM generate_series(1, 5) g");
        Map<String, String> config = connectorConfig();
        config.put("table.name", "edits");
        config.put("topic", "edits");
        cluster.createTopic("edits", 1);
        cluster.rest().putConfig("edits", config);
        cluster.rest().awaitRunning("edits", 1, TIMEOUT);
        assertThat(ids(cluster.consumeAtLeast(5, TIMEOUT, "edits"))).containsExactly(1L, 2L, 3L, 4L, 5L);
        awaitStoredIncrementing("edits", 5);
        cluster.rest().stop("edits");
        cluster.rest().awaitState("edits", "STOPPED", TIMEOUT);

        HttpResult malformed = patchOffsets("edits", "{\"source\": \"table:edits\"}", "{\"incrementing\": \"three\"}");
        assertThat(malformed.status()).isGreaterThanOrEqualTo(400);
        assertThat(malformed.body()).contains("table:edits").contains("incrementing").contains("three");
        HttpResult unknown = patchOffsets("edits", "{\"source\": \"table:other\"}", "{\"incrementing\": 1}");
        assertThat(unknown.status()).isGreaterThanOrEqualTo(400);
        assertThat(unknown.body()).contains("table:other").contains("does not read");
        HttpResult wrongKey = patchOffsets("edits", "{\"source\": \"table:edits\"}", "{\"timestamp\": \"2024-01-01T00:00:00Z\"}");
        assertThat(wrongKey.status()).isGreaterThanOrEqualTo(400);
        assertThat(wrongKey.body()).contains("timestamp").contains("mode=incrementing");

        HttpResult good = patchOffsets("edits", "{\"source\": \"table:edits\"}", "{\"incrementing\": 3}");
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        cluster.rest().resume("edits");
        assertThat(ids(cluster.consumeAtLeast(7, TIMEOUT, "edits"))).containsExactly(1L, 2L, 3L, 4L, 5L, 4L, 5L);
        awaitStoredIncrementing("edits", 5);

        cluster.rest().stop("edits");
        cluster.rest().awaitState("edits", "STOPPED", TIMEOUT);
        cluster.rest().resetOffsets("edits");
        cluster.rest().resume("edits");
        assertThat(ids(cluster.consumeAtLeast(12, TIMEOUT, "edits")))
            .containsExactly(1L, 2L, 3L, 4L, 5L, 4L, 5L, 1L, 2L, 3L, 4L, 5L);
        cluster.rest().delete("edits");
    }

    @Test
    void exactlyOnceIsRefusedForBulkMode() {
        postgres.execute("CREATE TABLE snapshot (id BIGINT PRIMARY KEY)");
        Map<String, String> config = connectorConfig();
        config.put("table.name", "snapshot");
        config.put("topic", "snapshot");
        config.put("mode", "bulk");
        HttpResult refused = cluster.rest().raw("PUT", "/connectors/bulk-eos/config", json(config));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("does not support exactly-once");
    }

    private static HttpResult patchOffsets(String connector, String partition, String offset) {
        return cluster.rest().raw("PATCH", "/connectors/" + connector + "/offsets",
            "{\"offsets\": [{\"partition\": " + partition + ", \"offset\": " + offset + "}]}");
    }

    @SuppressWarnings("unchecked")
    private static void awaitStoredIncrementing(String connector, long expected) {
        Await.until("the stored offset of " + connector + " to reach " + expected, TIMEOUT, () -> {
            List<Map<String, Object>> offsets = (List<Map<String, Object>>) cluster.rest().offsets(connector).get("offsets");
            return offsets.stream().map(o -> (Map<String, Object>) o.get("offset"))
                .anyMatch(o -> o.get("incrementing") instanceof Number n && n.longValue() == expected);
        });
    }

    /** Every source runs exactly once (mode incrementing); topics are created by the worker. */
    private static Map<String, String> connectorConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("connection.url", postgres.jdbcUrl());
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("poll.interval.ms", "500");
        config.put("exactly.once.support", "required");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    private static String json(Map<String, String> config) {
        return config.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
            .collect(Collectors.joining(", ", "{", "}"));
    }

    private static Set<String> topics() {
        try (Admin admin = Admin.create(cluster.adminProps())) {
            return admin.listTopics().names().get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot list topics: " + e, e);
        }
    }

    private static List<Long> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> (Long) value(r).get("id")).toList();
    }

    private static Struct key(ConsumerRecord<byte[], byte[]> record) {
        return (Struct) KEYS.toConnectData(record.topic(), record.key()).value();
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
