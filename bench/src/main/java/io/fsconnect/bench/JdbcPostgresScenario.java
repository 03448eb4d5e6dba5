package io.fsconnect.bench;

import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * {@code jdbc-postgres-1m}: a 1,000,000-row PostgreSQL table into a topic. The connector reads it in
 * {@code bulk} mode with the primary key as the record key; the baseline streams the same query through
 * plain JDBC (autocommit off, the connector's default fetch size), converts key and value with the same
 * {@link JsonConverter} and sends them with a {@link KafkaProducer} configured as the worker configures the
 * connector's producer. Both end when the topic holds every row.
 */
final class JdbcPostgresScenario implements Scenario {

    private static final int ROWS = 1_000_000;
    private static final int WARM_UP_ROWS = 200_000;
    /** The connector's default {@code batch.max.rows}, which is also its fetch size. */
    private static final int FETCH_SIZE = 10_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Override
    public String name() {
        return "jdbc-postgres-1m";
    }

    @Override
    public BenchResult run(Path pluginPath, Path workDir, HeapAfterGc heap) throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            fill(postgres, ROWS);
            try (ConnectCluster cluster = ConnectCluster.start(1, Map.of("plugin.path", pluginPath.toString()));
                 KafkaConsumer<byte[], byte[]> probe = Landed.offsetProbe(cluster.bootstrapServers())) {
                Measurement measurement = new Measurement();
                try {
                    String warmQuery = "SELECT * FROM " + BenchRows.TABLE + " WHERE id <= " + WARM_UP_ROWS;
                    Bench.progress(name() + ": warming up with " + WARM_UP_ROWS + " rows");
                    connector(cluster, probe, measurement, postgres, "warm-connector", warmQuery, WARM_UP_ROWS);
                    baseline(cluster, probe, measurement, postgres, "warm-baseline", warmQuery, WARM_UP_ROWS);

                    String query = "SELECT * FROM " + BenchRows.TABLE;
                    return SourceRuns.rounds(name(), ROWS, heap,
                            run -> connector(cluster, probe, measurement, postgres, "connector-" + run, null, ROWS),
                            run -> baseline(cluster, probe, measurement, postgres, "baseline-" + run, query, ROWS));
                } finally {
                    measurement.shutdown();
                }
            }
        }
    }

    private static void fill(PostgresServer postgres, int rows) throws Exception {
        Bench.progress("jdbc-postgres-1m: inserting " + rows + " rows");
        try (Connection connection = postgres.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(BenchRows.CREATE_SQL);
            }
            try (PreparedStatement insert = connection.prepareStatement(BenchRows.INSERT_SQL)) {
                insert.setInt(1, rows);
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE " + BenchRows.TABLE);
            }
        }
    }

    /** Runs the connector on the whole table, or on {@code query} when given, into a fresh topic. */
    private double connector(ConnectCluster cluster, KafkaConsumer<byte[], byte[]> probe, Measurement measurement,
                             PostgresServer postgres, String topic, String query, int rows) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.fsconnect.source.jdbc.JdbcSourceConnector");
        config.put("tasks.max", "1");
        config.put("connection.url", postgres.jdbcUrl());
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        if (query == null) {
            config.put("table.name", BenchRows.TABLE);
        } else {
            config.put("query", query);
        }
        config.put("mode", "bulk");
        config.put("primary.key.columns", "id");
        config.put("topic", topic);
        // One snapshot only: the next cycle would read the table again.
        config.put("poll.interval.ms", "3600000");
        return SourceRuns.connector(cluster, probe, measurement, "jdbc-" + topic, config, topic, rows, TIMEOUT);
    }

    private double baseline(ConnectCluster cluster, KafkaConsumer<byte[], byte[]> probe, Measurement measurement,
                            PostgresServer postgres, String topic, String query, int rows) {
        return SourceRuns.baseline(cluster, probe, measurement, topic, rows, TIMEOUT,
                (bootstrapServers, into) -> copy(postgres, bootstrapServers, query, into));
    }

    /** The baseline: plain JDBC streaming read, the same converter, a plain producer. */
    private static void copy(PostgresServer postgres, String bootstrapServers, String query, String topic)
            throws Exception {
        JsonConverter keys = BenchRows.converter(true);
        JsonConverter values = BenchRows.converter(false);
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        try (Connection connection = postgres.connect();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(workerLikeProducer(bootstrapServers),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        FirstRecordClock.mark();
                        long id = rows.getLong(1);
                        Struct value = new Struct(BenchRows.VALUE_SCHEMA)
                                .put("id", id)
                                .put("customer", rows.getString(2))
                                .put("region", rows.getString(3))
                                .put("amount", nullable(rows, rows.getDouble(4)))
                                .put("quantity", nullable(rows, rows.getInt(5)))
                                .put("price", nullable(rows, rows.getDouble(6)))
                                .put("active", nullable(rows, rows.getBoolean(7)))
                                .put("created_at", rows.getTimestamp(8, utc))
                                .put("note", rows.getString(9))
                                .put("score", nullable(rows, rows.getDouble(10)));
                        byte[] key = keys.fromConnectData(topic, BenchRows.KEY_SCHEMA, BenchRows.key(id));
                        producer.send(new ProducerRecord<>(topic,
                                key, values.fromConnectData(topic, BenchRows.VALUE_SCHEMA, value)));
                    }
                }
            }
            connection.commit();
            producer.flush();
        }
    }

    /**
     * The client settings a Connect worker gives a source task's producer (without exactly-once source
     * support): one request in flight, no idempotence, every replica acknowledging. With client defaults the
     * baseline would pipeline up to five requests where the connector's producer waits for each.
     */
    private static Map<String, Object> workerLikeProducer(String bootstrapServers) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Long.MAX_VALUE));
    }

    private static <T> T nullable(ResultSet rows, T value) throws java.sql.SQLException {
        return rows.wasNull() ? null : value;
    }
}
