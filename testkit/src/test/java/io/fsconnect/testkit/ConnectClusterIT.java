package io.fsconnect.testkit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Drives a real connector on a real two-worker cluster through every helper of the testkit. */
class ConnectClusterIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String CONNECTOR_CLASS = SequenceSourceConnector.class.getName();

    private static ConnectCluster cluster;
    private static ConnectRest rest;

    @BeforeAll
    static void startCluster() {
        cluster = ConnectCluster.start();
        rest = cluster.rest();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Map<String, String> sequenceConfig(String topic, int tasks) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topic", topic);
        return config;
    }

    @Test
    void findsConnectorsListedInServiceFilesAndValidatesConfigs() {
        assertThat(rest.connectorPlugins())
                .contains(new PluginInfo(CONNECTOR_CLASS, "source", "1.0-test"));

        ValidationResult missingTopic = rest.validate(CONNECTOR_CLASS, Map.of("batch.size", "0"));
        assertThat(missingTopic.errorsByKey()).containsOnlyKeys("topic", "batch.size");
        assertThat(missingTopic.errorCount()).isEqualTo(2);
        assertThat(missingTopic.errors("batch.size")).singleElement().asString().contains("at least 1");

        ValidationResult valid = rest.validate("SequenceSourceConnector", sequenceConfig("any", 1));
        assertThat(valid.errorCount()).isZero();
        assertThat(valid.errorsByKey()).isEmpty();
    }

    @Test
    void runsPausesResumesRestartsStopsAndDeletesAConnector() {
        String name = "lifecycle";
        String topic = "lifecycle-out";
        cluster.createTopic(topic, 1);

        ConnectorInfo created = rest.putConfig(name, sequenceConfig(topic, 2));
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.config()).containsEntry("topic", topic);

        ConnectorStatus running = rest.awaitRunning(name, 2, TIMEOUT);
        assertThat(running.tasksIn("RUNNING")).isEqualTo(2);
        assertThat(rest.connectors()).contains(name);
        assertThat(rest.config(name)).containsEntry("tasks.max", "2").containsEntry("topic", topic);
        assertThat(rest.taskConfigs(name)).extracting(config -> config.get("task.id")).containsExactly("0", "1");

        List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAtLeast(10, TIMEOUT, topic);
        assertThat(records).extracting(record -> text(record.key()))
                .contains("{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"task-0\"}");

        rest.pause(name);
        assertThat(rest.awaitState(name, "PAUSED", TIMEOUT).tasksIn("PAUSED")).isEqualTo(2);
        rest.resume(name);
        rest.awaitRunning(name, 2, TIMEOUT);

        rest.restart(name, true, false);
        rest.awaitRunning(name, 2, TIMEOUT);
        rest.restartTask(name, 1);
        rest.awaitRunning(name, 2, TIMEOUT);

        rest.stop(name);
        assertThat(rest.awaitState(name, "STOPPED", TIMEOUT).tasks()).isEmpty();

        rest.delete(name);
        rest.awaitDeleted(name, TIMEOUT);
        assertThat(rest.connectors()).doesNotContain(name);
    }

    @Test
    void readsAltersAndResetsSourceOffsetsOfAStoppedConnector() {
        String name = "offsets";
        String topic = "offsets-out";
        cluster.createTopic(topic, 1);
        rest.putConfig(name, sequenceConfig(topic, 1));
        rest.awaitRunning(name, 1, TIMEOUT);
        cluster.consumeAtLeast(5, TIMEOUT, topic);
        // Offsets are committed every second; wait until one is visible before stopping.
        Await.until("a committed offset for '" + name + "'", TIMEOUT, () -> !offsetList(name).isEmpty());

        rest.stop(name);
        rest.awaitState(name, "STOPPED", TIMEOUT);
        assertThat(offsetList(name)).singleElement().satisfies(entry ->
                assertThat(entry).containsEntry("partition", Map.of("task", 0)));

        rest.alterOffsets(name, Map.of("offsets", List.of(
                Map.of("partition", Map.of("task", 0), "offset", Map.of("position", 1_000_000)))));
        assertThat(offsetList(name)).singleElement().satisfies(entry ->
                assertThat(entry).containsEntry("offset", Map.of("position", 1_000_000)));

        rest.resume(name);
        rest.awaitRunning(name, 1, TIMEOUT);
        Await.until("a record counting on from the altered offset", TIMEOUT, () -> cluster.consumeAll(topic).stream()
                .anyMatch(record -> text(record.value()).contains("\"payload\":\"1000001\"")));

        rest.stop(name);
        rest.awaitState(name, "STOPPED", TIMEOUT);
        rest.resetOffsets(name);
        assertThat(offsetList(name)).isEmpty();
        rest.delete(name);
        rest.awaitDeleted(name, TIMEOUT);
    }

    @Test
    void reportsAFailedTaskWithItsTrace() {
        String name = "failing";
        Map<String, String> config = sequenceConfig("failing-out", 1);
        config.put("fail.on.start", "true");
        rest.putConfig(name, config);

        ConnectorStatus status = rest.awaitTaskFailed(name, TIMEOUT);

        assertThat(status.task(0).orElseThrow().trace()).hasValueSatisfying(trace ->
                assertThat(trace).contains(SequenceSourceConnector.FAILURE_MESSAGE));
        assertThatThrownBy(() -> rest.awaitRunning(name, 1, Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("connector 'failing' and exactly 1 task(s) to be RUNNING")
                .hasMessageContaining(SequenceSourceConnector.FAILURE_MESSAGE);
        rest.delete(name);
        rest.awaitDeleted(name, TIMEOUT);
    }

    @Test
    void carriesTheWorkersErrorBodyOnFailure() {
        assertThatThrownBy(() -> rest.status("no-such-connector"))
                .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.body()).contains("no-such-connector");
                });
        assertThatThrownBy(() -> rest.putConfig("bad", Map.of("connector.class", CONNECTOR_CLASS, "batch.size", "0")))
                .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).contains("batch.size");
                });

        HttpResult notJson = rest.raw("PUT", "/connectors/bad/config", "{not json");
        assertThat(notJson.isSuccess()).isFalse();
        assertThat(notJson.body()).contains("Unexpected character");
        assertThat(rest.raw("GET", "/connectors", null).status()).isEqualTo(200);
    }

    @Test
    void producesAndConsumesRecordsWithKeysAndTimestamps() {
        String topic = "plain";
        cluster.createTopic(topic, 2);
        cluster.produce(topic, 0, "k0", "v0 ü", 1_700_000_000_000L);
        cluster.produce(topic, 1, null, "v1");

        List<ConsumerRecord<byte[], byte[]>> records = cluster.consumeAll(topic);

        assertThat(records).hasSize(2);
        ConsumerRecord<byte[], byte[]> first = records.stream().filter(r -> r.partition() == 0).findFirst().orElseThrow();
        assertThat(text(first.key())).isEqualTo("k0");
        assertThat(text(first.value())).isEqualTo("v0 ü");
        assertThat(first.timestamp()).isEqualTo(1_700_000_000_000L);
        ConsumerRecord<byte[], byte[]> second = records.stream().filter(r -> r.partition() == 1).findFirst().orElseThrow();
        assertThat(second.key()).isNull();
        assertThat(cluster.consumeAtLeast(2, TIMEOUT, topic)).hasSize(2);
        assertThatThrownBy(() -> cluster.consumeAtLeast(3, Duration.ofMillis(500), topic, "never-created"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("at least 3 records")
                .hasMessageContaining("plain=2")
                .hasMessageContaining("never-created=0");
        assertThat(cluster.adminProps()).containsEntry("bootstrap.servers", cluster.bootstrapServers());
    }

    @Test
    void keepsConnectorsRunningWhenAWorkerIsBounced() {
        String name = "bounce";
        String topic = "bounce-out";
        cluster.createTopic(topic, 1);
        rest.putConfig(name, sequenceConfig(topic, 2));
        rest.awaitRunning(name, 2, TIMEOUT);

        cluster.stopWorker(0);
        assertThat(cluster.workerCount()).isEqualTo(1);
        String survivor = cluster.workerIds().get(0);
        // Right after the stop, the status may still name the departed worker until tasks are reassigned.
        Await.until("both tasks to run on the remaining worker " + survivor, TIMEOUT, () -> {
            ConnectorStatus status = rest.status(name);
            return status.tasksIn("RUNNING") == 2
                    && status.tasks().stream().allMatch(task -> task.workerId().equals(survivor));
        }, () -> rest.status(name).summary());

        cluster.startWorker();
        assertThat(cluster.workerCount()).isEqualTo(2);
        rest.awaitRunning(name, 2, TIMEOUT);
        long before = cluster.consumeAll(topic).size();
        cluster.consumeAtLeast((int) before + 5, TIMEOUT, topic);

        rest.delete(name);
        rest.awaitDeleted(name, TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> offsetList(String connector) {
        return (List<Map<String, Object>>) rest.offsets(connector).get("offsets");
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
