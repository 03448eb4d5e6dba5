package io.fsconnect.quickstart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM, with its
 * log directory in a temporary folder that is deleted on {@link #close()}. It is started the way an
 * operator starts one: the storage is formatted, then {@code KafkaRaftServer} is started on free loopback
 * ports. Meant for the quickstart and for tests; it has no security and replication factor 1.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path dataDir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(Path dataDir, KafkaRaftServer server, String bootstrapServers) {
        this.dataDir = dataDir;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats a fresh log directory and starts the broker; returns once it accepts connections. */
    public static KafkaBroker start() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("fsconnect-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for the Kafka broker: " + e.getMessage(), e);
        }
        int brokerPort = freePort();
        int controllerPort = freePort();
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("log.dirs", dataDir.resolve("logs").toString());
        // One broker: every internal topic must fit on it.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("num.partitions", "1");
        format(dataDir, props);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(dataDir, server, "127.0.0.1:" + brokerPort);
    }

    /** {@code host:port} for clients and workers. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        deleteRecursively(dataDir);
    }

    private static void format(Path dataDir, Properties props) {
        Path configFile = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            props.store(out, "fsconnect embedded broker");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + configFile + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = StorageTool.execute(new String[] {
            "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString(), "--standalone"
        }, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exitCode != 0) {
            throw new IllegalStateException("Cannot format the Kafka broker's storage in " + dataDir + ": "
                + output.toString(StandardCharsets.UTF_8));
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port: " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
