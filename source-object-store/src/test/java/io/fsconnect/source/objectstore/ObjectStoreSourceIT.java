package io.fsconnect.source.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.local.LocalObjectStore;
import io.fsconnect.testkit.Await;
import io.fsconnect.testkit.ConnectCluster;
import io.fsconnect.testkit.ConnectorStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source through a real Connect cluster whose workers enable exactly-once source support: every
 * format into a topic with keys and event times, objects arriving out of lexical order, restarts
 * mid-file with every row exactly once, and the documented handling of bad input.
 */
class ObjectStoreSourceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConnectCluster cluster;

    @TempDir
    Path dir;
    private ObjectStore store;
    private Path root;

    @BeforeAll
    static void startCluster() {
        cluster = ConnectCluster.start(1, Map.of("exactly.once.source.support", "enabled"));
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void openStore() throws IOException {
        root = Files.createDirectories(dir.resolve("lake"));
        store = new LocalObjectStore(root);
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
        config.put("exactly.once.support", "required");
        return config;
    }

    @Test
    void readsEveryFormatWithPrimaryKeyAndEventTime() throws IOException {
        SourceFiles.parquet(store, "parquet/part-0.parquet", 0, 40);
        SourceFiles.avro(store, "avro/part-0.avro", 0, 40);
        SourceFiles.gzippedJsonLines(store, "jsonl/part-0.json.gz", 0, 40);
        SourceFiles.text(store, "csv/part-0.csv", SourceFiles.csv(0, 40));
        Map<String, String> columns = Map.of("jsonl", "id:int64,name:string,at:timestamp",
                "csv", "id:int64,name:string,at:timestamp");
        for (String format : List.of("parquet", "avro", "jsonl", "csv")) {
            cluster.createTopic("fg-" + format, 1);
            Map<String, String> config = config("fg-" + format, format);
            config.put("input.prefix", format + "/");
            config.put("primary.key.columns", "id");
            config.put("event.time.column", "at");
            if (columns.containsKey(format)) {
                config.put("input.columns", columns.get(format));
            }
            cluster.rest().putConfig("read-" + format, config);
        }
        for (String format : List.of("parquet", "avro", "jsonl", "csv")) {
            List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(40, TIMEOUT, "fg-" + format);
            assertThat(records).as(format).hasSize(40);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                long id = json(record.key()).path("payload").path("id").asLong();
                JsonNode value = json(record.value()).path("payload");
                assertThat(value.path("id").asLong()).as(format).isEqualTo(id);
                assertThat(value.path("name").asText()).as(format).isEqualTo("name-" + id);
                assertThat(record.timestamp()).as(format + " event time").isEqualTo(SourceFiles.BASE_TIME + id);
            }
            assertThat(ids(records).keySet()).as(format).hasSize(40);
            cluster.rest().delete("read-" + format);
        }
    }

    @Test
    void readsObjectsCreatedWhileRunningWhateverTheirKeysSortLike() throws IOException {
        cluster.createTopic("late", 1);
        Map<String, String> config = config("late", "csv");
        config.put("input.glob", "**/*.csv");
        cluster.rest().putConfig("late", config);
        cluster.rest().awaitRunning("late", 2, TIMEOUT);
        SourceFiles.text(store, "m/2024-05-02.csv", SourceFiles.csv(0, 10));
        cluster.consumeAtLeast(10, TIMEOUT, "late");
        // Keys that sort before and after the one already read, and one the glob must ignore.
        SourceFiles.text(store, "a/2024-05-01.csv", SourceFiles.csv(10, 20));
        SourceFiles.text(store, "z/2024-05-03.csv", SourceFiles.csv(20, 30));
        SourceFiles.text(store, "m/readme.txt", "not data");
        SourceFiles.text(store, "0.csv", SourceFiles.csv(30, 40));
        List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(40, TIMEOUT, "late");
        assertThat(ids(records)).hasSize(40).allSatisfy((id, count) -> assertThat(count).as("id " + id).isEqualTo(1));
        cluster.rest().delete("late");
    }

    @Test
    void restartsMidFileManyTimesWithEveryRowExactlyOnce() throws IOException {
        int rows = 20_000;
        cluster.createTopic("restarts", 1);
        SourceFiles.text(store, "big.csv", SourceFiles.csv(0, rows));
        Map<String, String> config = config("restarts", "csv");
        config.put("input.glob", "*.csv");
        config.put("batch.max.rows", "25");
        cluster.rest().putConfig("restarts", config);
        int restarts = 0;
        for (int step = 1; step <= 6; step++) {
            cluster.consumeAtLeast(step * 1_500, TIMEOUT, "restarts");
            cluster.rest().restart("restarts", true, false);
            cluster.rest().awaitRunning("restarts", 2, TIMEOUT);
            restarts++;
        }
        List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(rows, TIMEOUT, "restarts");
        Map<Long, Integer> ids = ids(records);
        assertThat(restarts).isEqualTo(6);
        assertThat(ids).as("every row, once").hasSize(rows)
                .allSatisfy((id, count) -> assertThat(count).as("copies of id " + id).isEqualTo(1));
        assertThat(cluster.consumeAll("restarts")).as("nothing after the last row").hasSize(rows);
        cluster.rest().delete("restarts");
    }

    @Test
    void aMalformedRowFailsTheTaskNamingTheObjectAndPosition() throws IOException {
        cluster.createTopic("bad-fail", 1);
        SourceFiles.text(store, "bad.csv", "id,name,at\n0,a,1\n1,b,2\nnot-a-number,c,3\n3,d,4\n");
        Map<String, String> config = config("bad-fail", "csv");
        config.put("input.columns", "id:int64,name:string,at:timestamp");
        config.put("tasks.max", "1");
        cluster.rest().putConfig("bad-fail", config);
        ConnectorStatus status = cluster.rest().awaitTaskFailed("bad-fail", TIMEOUT);
        assertThat(status.task(0).orElseThrow().trace().orElseThrow())
                .contains("Cannot read object bad.csv at record 2").contains("column 'id'")
                .contains("bad.record.policy=skip");
        cluster.rest().delete("bad-fail");
    }

    @Test
    void skippedRowsAreLeftOutAndTheRestIsRead() throws IOException {
        cluster.createTopic("bad-skip", 1);
        SourceFiles.text(store, "bad.csv", "id,name,at\n0,a,1\n1,\"b\"x,2\nnot-a-number,c,3\n3,d,4\n4,e\n");
        Map<String, String> config = config("bad-skip", "csv");
        config.put("input.columns", "id:int64,name:string,at:timestamp");
        config.put("bad.record.policy", "skip");
        cluster.rest().putConfig("bad-skip", config);
        List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(2, TIMEOUT, "bad-skip");
        assertThat(ids(records).keySet()).containsExactly(0L, 3L);
        cluster.rest().delete("bad-skip");
    }

    @Test
    void aTruncatedParquetFileFailsNamingTheObject() throws IOException {
        cluster.createTopic("truncated", 1);
        Path file = root.resolve("part-1.parquet");
        try (var out = Files.newOutputStream(file)) {
            SourceFiles.parquet(out, 0, 500);
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        Map<String, String> config = config("truncated", "parquet");
        config.put("tasks.max", "1");
        cluster.rest().putConfig("truncated", config);
        ConnectorStatus status = cluster.rest().awaitTaskFailed("truncated", TIMEOUT);
        assertThat(status.task(0).orElseThrow().trace().orElseThrow())
                .contains("Cannot read object part-1.parquet at record 0").contains("truncated");
        cluster.rest().delete("truncated");
    }

    @Test
    void movesObjectsOnceTheyAreCommitted() throws IOException {
        cluster.createTopic("moved", 1);
        SourceFiles.text(store, "in/one.csv", SourceFiles.csv(0, 5));
        SourceFiles.text(store, "in/two.csv", SourceFiles.csv(5, 10));
        Map<String, String> config = config("moved", "csv");
        config.put("post.read.action", "move");
        config.put("move.prefix", "done/");
        cluster.rest().putConfig("moved", config);
        cluster.consumeAtLeast(10, TIMEOUT, "moved");
        Await.until("both objects to be moved under done/", TIMEOUT,
                () -> Files.exists(root.resolve("done/in/one.csv")) && Files.exists(root.resolve("done/in/two.csv"))
                        && !Files.exists(root.resolve("in/one.csv")) && !Files.exists(root.resolve("in/two.csv")));
        assertThat(ids(cluster.consumeAll("moved"))).as("moved objects are not read again").hasSize(10)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        cluster.rest().delete("moved");
    }

    @Test
    void deletesObjectsHoldingNoRecordAsReadToTheirEnd() throws IOException {
        cluster.createTopic("empties", 1);
        SourceFiles.text(store, "in/header-only.csv", "id,name,at\n");
        SourceFiles.text(store, "in/rows.csv", SourceFiles.csv(0, 5));
        SourceFiles.text(store, "in/header-only-2.csv", "id,name,at\n");
        Map<String, String> config = config("empties", "csv");
        config.put("post.read.action", "delete");
        cluster.rest().putConfig("empties", config);
        cluster.consumeAtLeast(5, TIMEOUT, "empties");
        Await.until("every object, with records or without, to be deleted", TIMEOUT,
                () -> !Files.exists(root.resolve("in/header-only.csv")) && !Files.exists(root.resolve("in/rows.csv"))
                        && !Files.exists(root.resolve("in/header-only-2.csv")));
        assertThat(ids(cluster.consumeAll("empties"))).hasSize(5).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        cluster.rest().delete("empties");
    }

    static Map<Long, Integer> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Long, Integer> counts = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            counts.merge(json(record.value()).path("payload").path("id").asLong(), 1, Integer::sum);
        }
        return counts;
    }

    static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
