package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectWorkerProcess;
import io.fsconnect.testkit.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 1,000,000-row PostgreSQL table of eleven mixed columns (text, NUMERIC, timestamps, dates, booleans) loads into a
 * topic through the packaged plugin in a Connect worker that runs as its own process with a 256 MiB heap, with the
 * default batch.max.rows: as one stream by one task with the default producer buffer, and as a first load split into
 * two key ranges read by two tasks with the producer buffer source-jdbc/README.md advises for that heap. Each topic
 * ends with exactly one record per row, and the worker neither runs out of memory nor dies. The worker exits on an {@code OutOfMemoryError}
 * ({@code -XX:+ExitOnOutOfMemoryError}), so one that a thread caught could not go unnoticed.
 */
class LowHeapLoadIT {

    private static final int ROWS = 1_000_000;
    private static final String HEAP = "-Xmx256m";
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(8);
    private static final Path PLUGIN_PATH = Path.of(System.getProperty("fsconnect.plugin.path", "target/plugin"));
    private static final Path WORK_DIR = Path.of(System.getProperty("fsconnect.build.dir", "target"), "low-heap-it");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PostgresServer postgres;
    private static EmbeddedKafkaCluster kafka;
    private static ConnectWorkerProcess worker;

    @BeforeAll
    static void startServersAndFillTable() {
        postgres = PostgresServer.start();
        postgres.execute(
            "CREATE TABLE orders (id BIGINT NOT NULL, customer_id INT NOT NULL, region TEXT NOT NULL, "
                + "product TEXT NOT NULL, quantity INT NOT NULL, unit_price NUMERIC(12,2) NOT NULL, "
                + "discount NUMERIC(5,4), ordered_at TIMESTAMP NOT NULL, delivery_day DATE NOT NULL, "
                + "note TEXT, paid BOOLEAN NOT NULL)",
            // Filled by the server in one statement; the key is added afterwards, which is faster than keeping it up.
            "INSERT INTO orders SELECT g, g % 100000, (ARRAY['north','south','east','west'])[1 + g % 4], md5(g::text), "
                + "1 + g % 9, round((g % 100000) / 7.0, 2), CASE WHEN g % 5 = 0 THEN NULL ELSE (g % 1000) / 10000.0 END, "
                + "TIMESTAMP '2026-01-01 00:00:00' + g * INTERVAL '1 second', DATE '2026-01-01' + g % 365, "
                + "repeat(md5((g * 7)::text), 2), g % 2 = 0 FROM generate_series(1, " + ROWS + ") g",
            "ALTER TABLE orders ADD PRIMARY KEY (id)",
            "ANALYZE orders");
        Properties brokerProps = new Properties();
        brokerProps.put("auto.create.topics.enable", "false");
        brokerProps.put("offsets.topic.num.partitions", "1");
        brokerProps.put("offsets.topic.replication.factor", "1");
        kafka = new EmbeddedKafkaCluster(1, brokerProps);
        kafka.start();
        worker = ConnectWorkerProcess.start(WORK_DIR, kafka.bootstrapServers(), PLUGIN_PATH, "low-heap",
            List.of(HEAP, "-XX:+ExitOnOutOfMemoryError"), Map.of());
        worker.awaitReady(Duration.ofSeconds(180));
    }

    @AfterAll
    static void stopServers() {
        if (worker != null) {
            worker.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void loadsAMillionRowsInOneStream() {
        assertLoadsEveryRowOnce("orders-one-stream", Map.of("tasks.max", "1"));
    }

    @Test
    void loadsAMillionRowsChunkedAcrossTwoTasksWithTheProducerBufferTheReadmeAdvises() {
        // Each task's producer holds records in flight up to its buffer.memory, about three times over on the heap
        // (source-jdbc/README.md, "Memory"): two tasks at the 32 MiB default do not fit in 256 MiB, at 8 MiB they do.
        // The topic is the table's name: a chunked first load writes to the table's name from topic.template even
        // when topic is set (SourceSettings.forSource), so another name here would test that instead of the heap.
        assertLoadsEveryRowOnce("orders", Map.of("tasks.max", "2", "first.load.chunks", "2",
            "producer.override.buffer.memory", Integer.toString(8 << 20)));
    }

    private static void assertLoadsEveryRowOnce(String topic, Map<String, String> parallelism) {
        kafka.createTopic(topic, 1);
        Map<String, String> config = new HashMap<>(parallelism);
        config.put("connector.class", JdbcSourceConnector.class.getName());
        config.put("connection.url", postgres.jdbcUrl());
        config.put("connection.user", postgres.user());
        config.put("connection.password", postgres.password());
        config.put("table.name", "orders");
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("primary.key.columns", "id");
        config.put("event.time.column", "ordered_at");
        config.put("topic", topic);
        // Values keep the worker's JSON-with-schema envelope; the key alone is plain JSON so the check reads it fast.
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        worker.rest().putConfig(topic, config);
        worker.rest().awaitRunning(topic, Integer.parseInt(parallelism.get("tasks.max")), Duration.ofSeconds(120));

        BitSet ids = readIds(topic);

        assertThat(ids.cardinality()).as("distinct ids in %s", topic).isEqualTo(ROWS);
        assertThat(ids.nextSetBit(0)).isEqualTo(1);
        assertThat(ids.length() - 1).isEqualTo(ROWS);
        assertThat(worker.isAlive()).as("the worker process is alive (log: %s)", worker.log()).isTrue();
        assertThat(worker.logText()).as("the worker log %s", worker.log()).doesNotContain("OutOfMemoryError");
        assertThat(worker.rest().status(topic).tasks()).allMatch(task -> "RUNNING".equals(task.state()));
        worker.rest().delete(topic);
    }

    /**
     * Reads the topic until it holds {@link #ROWS} records and returns the ids seen; fails on a duplicate id, on a
     * record beyond {@link #ROWS} once the source has stored the offset of the last row, or if the worker dies.
     */
    private static BitSet readIds(String topic) {
        BitSet ids = new BitSet(ROWS + 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        Map<String, Object> props = Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000",
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 << 20));
        try (KafkaConsumer<byte[], byte[]> consumer =
                 new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long[] records = {0};
            Await.until(ROWS + " records in " + topic, LOAD_TIMEOUT, () -> {
                assertThat(worker.isAlive()).as("the worker process is alive (log: %s)", worker.log()).isTrue();
                // Drain what has arrived before the next pause: the topic fills faster than one poll per probe.
                ConsumerRecords<byte[], byte[]> batch;
                do {
                    batch = consumer.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<byte[], byte[]> record : batch) {
                        long id = idOf(record);
                        assertThat(ids.get((int) id)).as("id %d delivered twice to %s", id, topic).isFalse();
                        ids.set((int) id);
                        records[0]++;
                    }
                } while (!batch.isEmpty() && records[0] < ROWS);
                return records[0] >= ROWS;
            }, () -> records[0] + " records");
            // Nothing more once the source says it has read the last row: the end offset is the record count.
            Await.until("the source to store the offset of row " + ROWS, Duration.ofSeconds(60),
                () -> worker.rest().offsets(topic).toString().contains("incrementing=" + ROWS),
                () -> String.valueOf(worker.rest().offsets(topic)));
            assertThat(consumer.endOffsets(List.of(partition)).get(partition)).as("records in %s", topic)
                .isEqualTo(ROWS);
        }
        return ids;
    }

    private static long idOf(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readTree(record.key()).get("id").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key of " + record.topic() + "@" + record.offset(), e);
        }
    }
}
