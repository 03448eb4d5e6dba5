package io.fsconnect.quickstart;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A real distributed Kafka Connect worker running in this JVM, with its REST API on the given port and
 * its plugins loaded from {@code plugin.path} — the packaged plugins, exactly as an operator installs
 * them — using {@code plugin.discovery=service_load}. Keys and values use Connect's JSON converter with
 * schemas. {@link #close()} stops the worker; the broker it uses must outlive it.
 */
public final class ConnectWorker implements AutoCloseable {

    private final Connect<?> connect;
    private final URI restUri;

    private ConnectWorker(Connect<?> connect, URI restUri) {
        this.connect = connect;
        this.restUri = restUri;
    }

    /** Starts a worker of group {@code groupId}; fails with a readable message if the REST port is taken. */
    public static ConnectWorker start(String bootstrapServers, Path pluginPath, int restPort, String groupId) {
        Map<String, String> props = workerProps(bootstrapServers, pluginPath, restPort, groupId);
        // The Connect CLI exits the JVM when the worker cannot start; turn that into an exception the
        // caller can report instead of a silent exit code.
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Cannot start the Connect worker (REST port " + restPort + "): "
                + (message == null ? "exit status " + status + ", see the log for the cause" : message));
        });
        try {
            Connect<?> connect = new ConnectDistributed().startConnect(props);
            return new ConnectWorker(connect, URI.create("http://localhost:" + restPort + "/"));
        } finally {
            Exit.resetExitProcedure();
        }
    }

    /** The worker properties: what an operator writes in {@code connect-distributed.properties}. */
    static Map<String, String> workerProps(String bootstrapServers, Path pluginPath, int restPort, String groupId) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", groupId);
        props.put("listeners", "http://localhost:" + restPort);
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        props.put("plugin.discovery", "service_load");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("status.storage.partitions", "1");
        // Sinks hand back offsets on every flush: keep it short so progress is visible quickly.
        props.put("offset.flush.interval.ms", "2000");
        return props;
    }

    /** Base URI of the worker's REST API, e.g. {@code http://localhost:8083/}. */
    public URI restUri() {
        return restUri;
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
