package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.ConnectorStatus;
import io.fsconnect.testkit.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once promise under disruption: a million records (system property
 * {@code fsconnect.chaos.records}) are produced to a multi-partition topic in twelve chunks, and after
 * each chunk, while files are open, the sink's tasks are restarted, the connector is restarted, paused and stopped, and the worker running a task is stopped
 * and replaced, at least ten times in all. Afterwards every record is in exactly one visible object: no
 * duplicate, no gap. Rotation is by {@code flush.size} only, the deterministic configuration the
 * guarantee is documented for.
 */
class ExactlyOnceChaosIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String CONNECTOR = "chaos";
    private static final String TOPIC = "chaos-events";
    private static final int PARTITIONS = 8;
    private static final int RECORDS = Integer.getInteger("fsconnect.chaos.records", 1_000_000);
    private static final int DISRUPTIONS = 12;

    private static ConnectCluster cluster;

    @TempDir
    static Path store;

    @BeforeAll
    static void startCluster() {
        cluster = ConnectCluster.start(2, Map.of());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyRecordLandsExactlyOnceThroughRestartsAndLostWorkers() {
        // Each partition gets the same number of records, a multiple of flush.size, so every file completes.
        int perPartition = RECORDS / PARTITIONS;
        int flushSize = perPartition % 5000 == 0 ? 5000 : perPartition;
        long total = (long) perPartition * PARTITIONS;
        cluster.createTopic(TOPIC, PARTITIONS);
        cluster.rest().putConfig(CONNECTOR, connectorConfig(flushSize));
        cluster.rest().awaitRunning(CONNECTOR, 2, TIMEOUT);

        List<String> disruptions = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int round = 0; round < DISRUPTIONS; round++) {
                int from = (int) ((long) perPartition * round / DISRUPTIONS);
                int to = (int) ((long) perPartition * (round + 1) / DISRUPTIONS);
                produce(producer, from, to);
                long before = committedTotal();
                // Chunks do not end on file boundaries: each disruption meets files that are open.
                Await.until("the sink to commit past " + before + " records before disruption " + (round + 1),
                        TIMEOUT, () -> committedTotal() > before, () -> status().summary());
                disruptions.add(disrupt(round) + " at " + committedTotal() + " committed");
                cluster.rest().awaitRunning(CONNECTOR, 2, TIMEOUT);
            }
        }

        Await.until("the sink to commit all " + total + " records", TIMEOUT, () -> committedTotal() == total,
                () -> "committed " + committedTotal() + "; " + status().summary());
        assertThat(disruptions).hasSizeGreaterThanOrEqualTo(10).anyMatch(done -> done.startsWith("worker stopped"));
        assertEveryRecordExactlyOnce(total, perPartition);
    }

    /** One disruption, chosen by round so that every kind happens; says which. */
    private static String disrupt(int round) {
        switch (round % 6) {
            case 0 -> {
                cluster.rest().restartTask(CONNECTOR, round / 6 % 2);
                return "task restarted";
            }
            case 1 -> {
                // Abrupt for the task: its worker leaves, the task is moved without a clean hand-over of files.
                cluster.stopWorker(workerIndexOfTask(0));
                cluster.startWorker();
                return "worker stopped";
            }
            case 2 -> {
                cluster.rest().restart(CONNECTOR, true, false);
                return "connector and tasks restarted";
            }
            case 3 -> {
                cluster.rest().pause(CONNECTOR);
                cluster.rest().awaitState(CONNECTOR, "PAUSED", TIMEOUT);
                cluster.rest().resume(CONNECTOR);
                return "connector paused and resumed";
            }
            case 4 -> {
                cluster.rest().stop(CONNECTOR);
                cluster.rest().awaitState(CONNECTOR, "STOPPED", TIMEOUT);
                cluster.rest().resume(CONNECTOR);
                return "connector stopped and resumed";
            }
            default -> {
                cluster.stopWorker(workerIndexOfTask(1));
                cluster.startWorker();
                return "worker stopped";
            }
        }
    }

    private static int workerIndexOfTask(int task) {
        String worker = status().task(task).map(TaskStatus::workerId).orElseThrow();
        int index = cluster.workerIds().indexOf(worker);
        assertThat(index).as("worker %s of task %d among %s", worker, task, cluster.workerIds()).isNotNegative();
        return index;
    }

    private static Map<String, String> connectorConfig(int flushSize) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ObjectStoreSinkConnector.class.getName());
        config.put("topics", TOPIC);
        config.put("tasks.max", "2");
        config.put("datasource.type", "local");
        config.put("datasource.name", "training");
        config.put("datasource.path", store.toString());
        config.put("flush.size", Integer.toString(flushSize));
        config.put("format.envelope", "true");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        return config;
    }

    private static KafkaProducer<String, String> producer() {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Record i of partition p, for i in [from, to), carries the unique id {@code i * PARTITIONS + p} as key and value. */
    private static void produce(KafkaProducer<String, String> producer, int from, int to) {
        for (int i = from; i < to; i++) {
            for (int p = 0; p < PARTITIONS; p++) {
                String id = Long.toString((long) i * PARTITIONS + p);
                producer.send(new ProducerRecord<>(TOPIC, p, id, id));
            }
        }
        producer.flush();
    }

    private static long committedTotal() {
        long sum = 0;
        @SuppressWarnings("unchecked")
        List<Map<String, Map<String, Object>>> entries =
                (List<Map<String, Map<String, Object>>>) cluster.rest().offsets(CONNECTOR).get("offsets");
        for (Map<String, Map<String, Object>> entry : entries) {
            sum += ((Number) entry.get("offset").get("kafka_offset")).longValue();
        }
        return sum;
    }

    private static ConnectorStatus status() {
        return cluster.rest().status(CONNECTOR);
    }

    private static void assertEveryRecordExactlyOnce(long total, int perPartition) {
        BitSet seen = new BitSet((int) total);
        List<String> duplicates = new ArrayList<>();
        List<String> files = ParquetRows.files(store).stream().filter(name -> !name.contains("/.")).toList();
        for (String file : files) {
            for (GenericRecord row : ParquetRows.read(store.resolve(file))) {
                int id = Integer.parseInt(row.get("value").toString());
                int partition = (Integer) row.get("partition");
                long offset = (Long) row.get("offset");
                assertThat(id).as("record at %d@%d of %s", partition, offset, file)
                        .isEqualTo((int) offset * PARTITIONS + partition);
                if (seen.get(id) && duplicates.size() < 10) {
                    duplicates.add(id + " (again in " + file + ")");
                }
                seen.set(id);
            }
        }
        assertThat(duplicates).as("records written twice").isEmpty();
        assertThat(seen.cardinality()).as("distinct records in %d files", files.size()).isEqualTo((int) total);
        assertThat(seen.nextClearBit(0)).as("first missing record").isEqualTo((int) total);
        assertThat(files).hasSize((int) (total / (perPartition % 5000 == 0 ? 5000 : perPartition)));
    }
}
