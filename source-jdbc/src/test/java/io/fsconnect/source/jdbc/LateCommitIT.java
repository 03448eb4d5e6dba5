package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.MariaDbServer;
import io.fsconnect.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The concurrency test of the timestamp+incrementing mode: concurrent writers commit groups of rows
 * sharing a timestamp while a long transaction holds rows with an earlier timestamp and a smaller id,
 * and commits only after the connector has delivered newer rows; the connector is restarted while
 * that transaction is open. Every committed row must reach the topic. Duplicates are allowed (after a
 * restart the lookback window is sent again) and counted in the failure message only.
 */
class LateCommitIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int ROUNDS = 3;
    private static final int WRITERS = 2;
    private static final int TRANSACTIONS_PER_WRITER = 8;
    private static final JsonConverter VALUES = new JsonConverter();

    private static ConnectCluster cluster;
    private static PostgresServer postgres;
    private static MariaDbServer mariaDb;

    @BeforeAll
    static void startServers() {
        VALUES.configure(Map.of("schemas.enable", "true"), false);
        postgres = PostgresServer.start();
        mariaDb = MariaDbServer.start();
        cluster = ConnectCluster.start();
    }

    @AfterAll
    static void stopServers() {
        if (cluster != null) {
            cluster.close();
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void everyCommittedRowArrivesDespiteLongTransactionsEqualTimestampsAndRestarts(String databaseName)
        throws Exception {
        TestDatabase database = databaseName.equals("postgresql") ? TestDatabase.postgres(postgres)
            : TestDatabase.mariaDb(mariaDb);
        String timestampType = databaseName.equals("postgresql") ? "TIMESTAMPTZ" : "DATETIME(6)";
        database.execute("CREATE TABLE late_rows (id " + database.serialKey() + ", changed_at " + timestampType
            + " NOT NULL DEFAULT " + database.now() + ", note VARCHAR(40) NOT NULL)");
        String topic = databaseName + "-late-rows";
        cluster.createTopic(topic, 1);
        Map<String, String> config = new HashMap<>(database.connectionConfig());
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topic", topic);
        config.put("table.name", "late_rows");
        config.put("mode", "timestamp+incrementing");
        config.put("incrementing.column.name", "id");
        config.put("timestamp.column.name", "changed_at");
        config.put("timestamp.lookback.ms", "60000");
        config.put("poll.interval.ms", "100");
        config.put("batch.max.rows", "7");
        String name = databaseName + "-late";
        cluster.rest().putConfig(name, config);
        cluster.rest().awaitRunning(name, 1, TIMEOUT);

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                try (Connection longTransaction = database.connect()) {
                    longTransaction.setAutoCommit(false);
                    try (Statement statement = longTransaction.createStatement()) {
                        statement.executeUpdate("INSERT INTO late_rows (note) VALUES ('long-" + round + "-a'), ('long-"
                            + round + "-b')");
                    }
                    String lastNote = runWriters(writers, database, round);
                    // The connector has now read rows newer than the open transaction's timestamp and id.
                    Await.until("the newest row of round " + round + " in the topic", TIMEOUT,
                        () -> notes(cluster.consumeAll(topic)).contains(lastNote));
                    cluster.rest().restart(name, true, false);
                    cluster.rest().awaitRunning(name, 1, TIMEOUT);
                    longTransaction.commit();
                }
            }
        } finally {
            writers.shutdownNow();
        }

        Set<String> committed = committedNotes(database);
        assertThat(committed).hasSize(ROUNDS * (2 + WRITERS * TRANSACTIONS_PER_WRITER * 3));
        Await.until("every committed row in the topic", TIMEOUT,
            () -> new HashSet<>(notes(cluster.consumeAll(topic))).containsAll(committed),
            () -> {
                List<String> delivered = notes(cluster.consumeAll(topic));
                Set<String> missing = new HashSet<>(committed);
                delivered.forEach(missing::remove);
                return "missing " + missing + "; " + (delivered.size() - new HashSet<>(delivered).size())
                    + " duplicates among " + delivered.size() + " records";
            });
        cluster.rest().delete(name);
        cluster.rest().awaitDeleted(name, TIMEOUT);
    }

    /** Runs the writers to completion; each commits groups of three rows sharing one timestamp. */
    private static String runWriters(ExecutorService writers, TestDatabase database, int round) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            int id = writer;
            running.add(writers.submit(() -> {
                try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                    for (int tx = 0; tx < TRANSACTIONS_PER_WRITER; tx++) {
                        String prefix = "w" + round + "-" + id + "-" + tx + "-";
                        statement.executeUpdate("INSERT INTO late_rows (note) VALUES ('" + prefix + "1'), ('"
                            + prefix + "2'), ('" + prefix + "3')");
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot write rows: " + e.getMessage(), e);
                }
                return null;
            }));
        }
        for (Future<?> writer : running) {
            writer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet newest = statement.executeQuery("SELECT note FROM late_rows ORDER BY id DESC LIMIT 1")) {
            newest.next();
            return newest.getString(1);
        }
    }

    private static Set<String> committedNotes(TestDatabase database) throws SQLException {
        Set<String> notes = new HashSet<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT note FROM late_rows")) {
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
        }
        return notes;
    }

    private static List<String> notes(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> ((Struct) VALUES.toConnectData(r.topic(), r.value()).value()).getString("note"))
            .toList();
    }
}
