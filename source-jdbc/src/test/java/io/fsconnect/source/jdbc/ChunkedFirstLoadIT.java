package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.PostgresServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first load of a 200,000-row PostgreSQL table split into three key ranges read by three tasks,
 * on a Connect cluster with exactly-once source support (the test consumer reads committed records
 * only): a task restarted mid-load and rows inserted during the load still give every row exactly
 * once, and a connector restart after the load neither re-plans nor re-reads. Every row goes to
 * the configured {@code topic}, whose name differs from the table's.
 */
class ChunkedFirstLoadIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int ROWS = 200_000;

    private static ConnectCluster cluster;
    private static PostgresServer postgres;
    private static final JsonConverter VALUES = new JsonConverter();

    @BeforeAll
    static void startServers() {
        VALUES.configure(Map.of("schemas.enable", "true"), false);
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
    void loadsEveryRowExactlyOnceAcrossATaskRestart() {
        postgres.execute("CREATE TABLE big (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)",
            "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, " + ROWS + ") g");
        cluster.createTopic("big-rows", 1);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", "3");
        config.put("connection.url", postgres.jdbcUrl());
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("table.name", "big");
        // Not the table's name: every chunk must write to the configured topic, not to one named after the table.
        config.put("topic", "big-rows");
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("first.load.chunks", "3");
        config.put("batch.max.rows", "500");
        config.put("poll.interval.ms", "500");
        config.put("exactly.once.support", "required");
        cluster.rest().putConfig("big", config);
        cluster.rest().awaitRunning("big", 3, TIMEOUT);
        assertThat(cluster.rest().taskConfigs("big")).extracting(task -> task.get(SourceSettings.TASK_SOURCES))
            .as("three chunks and the incremental reader spread over three tasks").containsExactlyInAnyOrder(
                "chunk@0,200000,3,0:big\ntable@0,200000,3:big", "chunk@0,200000,3,1:big", "chunk@0,200000,3,2:big");

        // Restart task 1 as soon as its chunk has stored an offset, i.e. in the middle of its range.
        awaitOffsets(offsets -> offsets.containsKey("table:big#chunk:2/3"));
        cluster.rest().restartTask("big", 1);
        postgres.execute("INSERT INTO big SELECT g, md5(g::text) FROM generate_series(" + (ROWS + 1) + ", "
            + (ROWS + 100) + ") g");

        assertEveryIdOnce(cluster.consumeAtLeast(ROWS + 100, TIMEOUT, "big-rows"), ROWS + 100);
        awaitOffsets(offsets -> offsets.size() == 4
            && Long.valueOf(ROWS + 100).equals(offsets.get("table:big").get("incrementing"))
            && offsets.get("table:big#chunk:3/3").get("incrementing").equals((long) ROWS));

        cluster.rest().restart("big", true, false);
        cluster.rest().awaitRunning("big", 3, TIMEOUT);
        postgres.execute("INSERT INTO big VALUES (" + (ROWS + 101) + ", 'after restart')");
        assertEveryIdOnce(cluster.consumeAtLeast(ROWS + 101, TIMEOUT, "big-rows"), ROWS + 101);
    }

    /** {@code records} were read until {@code expected} arrived: a duplicate would leave an id missing. */
    private static void assertEveryIdOnce(List<ConsumerRecord<byte[], byte[]>> records, int expected) {
        Map<Long, Long> counts = records.stream().map(r -> (Long) value(r).get("id"))
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).limit(10))
            .as("ids delivered more than once").isEmpty();
        assertThat(records).hasSize(expected);
        assertThat(counts.keySet()).hasSize(expected).allMatch(id -> id >= 1 && id <= expected);
    }

    @SuppressWarnings("unchecked")
    private static void awaitOffsets(Predicate<Map<String, Map<String, Object>>> condition) {
        Await.until("the stored offsets of the load", TIMEOUT, () -> {
            List<Map<String, Object>> offsets = (List<Map<String, Object>>) cluster.rest().offsets("big").get("offsets");
            Map<String, Map<String, Object>> byPartition = offsets.stream().collect(Collectors.toMap(
                o -> (String) ((Map<String, Object>) o.get("partition")).get("source"),
                o -> ((Map<String, Object>) o.get("offset")).entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> e.getValue() instanceof Number n ? (Object) n.longValue() : e.getValue()))));
            return condition.test(byPartition);
        }, () -> String.valueOf(cluster.rest().offsets("big")));
    }

    private static Struct value(ConsumerRecord<byte[], byte[]> record) {
        return (Struct) VALUES.toConnectData(record.topic(), record.value()).value();
    }
}
