package io.fsconnect.source.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.local.LocalObjectStore;
import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source on workers without exactly-once support (the default): workers stopped and tasks
 * restarted mid-file lose no row, schemaless JSON Lines are read as maps, and objects are deleted
 * once read.
 */
class ObjectStoreSourceAtLeastOnceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConnectCluster cluster;

    @TempDir
    Path root;

    @BeforeAll
    static void startCluster() {
        cluster = ConnectCluster.start(2, Map.of());
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private Map<String, String> config(String topic, String format) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ObjectStoreSourceConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("datasource.type", "local");
        config.put("datasource.name", "lake");
        config.put("datasource.path", root.toString());
        config.put("input.format", format);
        config.put("topic", topic);
        config.put("poll.interval.ms", "500");
        return config;
    }

    @Test
    void workersStoppedAndTasksRestartedMidFileLoseNoRow() throws IOException {
        ObjectStore store = new LocalObjectStore(root);
        int rows = 6_000;
        SourceFiles.parquet(store, "a/part-0.parquet", 0, rows);
        SourceFiles.parquet(store, "b/part-0.parquet", rows, 2L * rows);
        cluster.createTopic("alo", 1);
        Map<String, String> config = config("alo", "parquet");
        config.put("batch.max.rows", "20");
        cluster.rest().putConfig("alo", config);
        for (int step = 1; step <= 4; step++) {
            cluster.consumeAtLeast(step * 2_000, TIMEOUT, "alo");
            if (step % 2 == 0) {
                cluster.stopWorker(cluster.workerCount() - 1);
                cluster.startWorker();
            } else {
                cluster.rest().restart("alo", true, false);
            }
            cluster.rest().awaitRunning("alo", 2, TIMEOUT);
        }
        List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(2 * rows, TIMEOUT, "alo");
        Set<Long> ids = new TreeSet<>();
        records.forEach(record -> ids.add(json(record.value()).path("payload").path("id").asLong()));
        assertThat(ids).as("every row at least once").hasSize(2 * rows);
        assertThat(ids).first().isEqualTo(0L);
        assertThat(ids).last().isEqualTo(2L * rows - 1);
        cluster.rest().delete("alo");
    }

    @Test
    void schemalessJsonLinesAreReadAsMapsAndDeletedOnceRead() throws IOException {
        ObjectStore store = new LocalObjectStore(root);
        SourceFiles.text(store, "events/1.jsonl", "{\"id\":1,\"tags\":[\"a\",\"b\"]}\n{\"id\":2,\"nested\":{\"x\":true}}\n");
        cluster.createTopic("maps", 1);
        Map<String, String> config = config("maps", "jsonl");
        config.put("post.read.action", "delete");
        config.put("primary.key.columns", "id");
        cluster.rest().putConfig("maps", config);
        List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(2, TIMEOUT, "maps");
        assertThat(json(records.get(0).value()).path("payload").path("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(json(records.get(0).key()).path("payload").path("id").asLong()).isEqualTo(1L);
        assertThat(json(records.get(1).value()).path("payload").path("nested").path("x").asBoolean()).isTrue();
        Await.until("the object to be deleted once read", TIMEOUT, () -> !Files.exists(root.resolve("events/1.jsonl")));
        cluster.rest().delete("maps");
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
