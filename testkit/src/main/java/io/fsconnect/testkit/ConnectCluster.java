package io.fsconnect.testkit;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One KRaft broker and N distributed Connect workers running in this JVM (Kafka's
 * {@code EmbeddedConnectCluster}), with each worker's real REST API. Start one per test class and
 * close it when the class is done; {@link #close()} stops the workers before the broker.
 *
 * <p>Workers are tuned for quick tests: plugins are found by {@code plugin.discovery=service_load}
 * (so a connector must be listed in its {@code META-INF/services} file, exactly as in a packaged
 * plugin), internal topics have one partition, heartbeats are every 300 ms, offsets are flushed
 * (and sink {@code preCommit} called) every second, and a departed worker's tasks are reassigned
 * after one second. Keys and values use {@code JsonConverter} with schemas enabled unless a
 * connector overrides them. The broker has one partition and replication 1 for its internal
 * topics, so transactions and exactly-once sources work, and does not create topics on demand.
 * Any default can be replaced through {@link #start(int, Map)}.
 *
 * <p>Records are consumed with {@code isolation.level=read_committed} and without a consumer group.
 */
public final class ConnectCluster implements AutoCloseable {

    /** The worker settings applied unless overridden; see the class comment for why each is set. */
    public static final Map<String, String> DEFAULT_WORKER_PROPS = Map.ofEntries(
            Map.entry("plugin.discovery", "service_load"),
            Map.entry("offset.storage.partitions", "1"),
            Map.entry("status.storage.partitions", "1"),
            Map.entry("offset.storage.replication.factor", "1"),
            Map.entry("config.storage.replication.factor", "1"),
            Map.entry("status.storage.replication.factor", "1"),
            Map.entry("heartbeat.interval.ms", "300"),
            Map.entry("offset.flush.interval.ms", "1000"),
            Map.entry("scheduled.rebalance.max.delay.ms", "1000"),
            Map.entry("key.converter", "org.apache.kafka.connect.json.JsonConverter"),
            Map.entry("key.converter.schemas.enable", "true"),
            Map.entry("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
            Map.entry("value.converter.schemas.enable", "true"));

    private static final Duration WORKER_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONSUME_ALL_TIMEOUT = Duration.ofSeconds(60);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final EmbeddedConnectCluster cluster;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ConnectRest rest;
    private boolean closed;

    private ConnectCluster(EmbeddedConnectCluster cluster) {
        this.cluster = cluster;
        this.producer = new KafkaProducer<>(producerProps(cluster.kafka().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.rest = new ConnectRest(this::firstWorkerUri);
    }

    /** Starts one broker and two workers with the default settings. */
    public static ConnectCluster start() {
        return start(2, Map.of());
    }

    /**
     * Starts one broker and {@code workers} workers; {@code extraWorkerProps} are added to (and
     * override) {@link #DEFAULT_WORKER_PROPS}. Returns once every worker answers on its REST API.
     */
    public static ConnectCluster start(int workers, Map<String, String> extraWorkerProps) {
        if (workers < 1) {
            throw new IllegalArgumentException("Cannot start a Connect cluster with " + workers + " workers: at least 1 is needed");
        }
        Map<String, String> workerProps = new HashMap<>(DEFAULT_WORKER_PROPS);
        workerProps.putAll(extraWorkerProps);
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                .name("fsconnect-" + UUID.randomUUID().toString().substring(0, 8))
                .numBrokers(1)
                .numWorkers(workers)
                .brokerProps(brokerProps())
                .workerProps(workerProps)
                .build();
        try {
            cluster.start();
            return new ConnectCluster(cluster);
        } catch (RuntimeException | Error e) {
            try {
                cluster.stop();
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    private static Properties brokerProps() {
        Properties props = new Properties();
        // One broker: internal topics with the defaults (50 partitions, replication 3) would be slow or impossible.
        props.put("offsets.topic.num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("auto.create.topics.enable", "false");
        return props;
    }

    private static Map<String, Object> producerProps(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return props;
    }

    /** The broker's bootstrap address, e.g. {@code localhost:40123}. */
    public String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    /** The REST API; calls go to the first worker that is running at the time of the call. */
    public ConnectRest rest() {
        return rest;
    }

    /** The base URIs of the running workers' REST APIs, in start order. */
    public List<URI> workerUris() {
        return cluster.workers().stream().map(WorkerHandle::url).toList();
    }

    /** The ids of the running workers as status reports name them ({@code host:port}), in start order. */
    public List<String> workerIds() {
        return workerUris().stream().map(uri -> uri.getHost() + ":" + uri.getPort()).toList();
    }

    /** Creates a topic with {@code partitions} partitions and replication factor 1. */
    public void createTopic(String topic, int partitions) {
        cluster.kafka().createTopic(topic, partitions);
    }

    /** Writes one record (key and value as UTF-8; either may be null) and waits until it is acknowledged. */
    public void produce(String topic, int partition, String key, String value) {
        send(new ProducerRecord<>(topic, partition, utf8(key), utf8(value)));
    }

    /** Like {@link #produce(String, int, String, String)}, with the record's timestamp set. */
    public void produce(String topic, int partition, String key, String value, long timestampMs) {
        send(new ProducerRecord<>(topic, partition, timestampMs, utf8(key), utf8(value)));
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot produce to " + record.topic() + "-" + record.partition()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Cannot produce to " + record.topic() + "-" + record.partition()
                    + ": not acknowledged within " + SEND_TIMEOUT_SECONDS + " s; does the topic exist?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot produce to " + record.topic() + ": interrupted", e);
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads the topics from the beginning until at least {@code n} records have arrived in total, and
     * returns all records read by then (possibly more than {@code n}). Topics that do not exist yet
     * are picked up when they appear. Fails, naming the count per topic, if {@code timeout} passes first.
     */
    public List<ConsumerRecord<byte[], byte[]>> consumeAtLeast(int n, Duration timeout, String... topics) {
        Set<String> wanted = Set.of(topics);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Set<TopicPartition> assigned = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Await.until("at least " + n + " records in " + Arrays.toString(topics), timeout, () -> {
                Set<TopicPartition> existing = partitionsOf(consumer, wanted);
                if (!existing.equals(assigned)) {
                    reassign(consumer, assigned, existing);
                }
                if (!assigned.isEmpty()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                }
                return records.size() >= n;
            }, () -> countsByTopic(records, wanted) + (assigned.isEmpty() ? " (no such topic yet)" : ""));
        }
        return records;
    }

    private static void reassign(KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> assigned, Set<TopicPartition> existing) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : assigned) {
            positions.put(partition, consumer.position(partition));
        }
        consumer.assign(existing);
        positions.forEach(consumer::seek);
        Set<TopicPartition> added = new HashSet<>(existing);
        added.removeAll(assigned);
        consumer.seekToBeginning(added);
        assigned.clear();
        assigned.addAll(existing);
    }

    private static Set<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> consumer, Set<String> topics) {
        Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(10));
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : topics) {
            for (PartitionInfo info : all.getOrDefault(topic, List.of())) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private static String countsByTopic(List<ConsumerRecord<byte[], byte[]>> records, Set<String> topics) {
        Map<String, Long> counts = new TreeMap<>();
        topics.forEach(topic -> counts.put(topic, 0L));
        records.forEach(record -> counts.merge(record.topic(), 1L, Long::sum));
        return records.size() + " record(s) " + counts;
    }

    /** Every record in the topic, read from the beginning up to the end offsets taken when called. */
    public List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Set<TopicPartition> partitions = partitionsOf(consumer, Set.of(topic));
            if (partitions.isEmpty()) {
                throw new IllegalStateException("Cannot consume topic '" + topic + "': it does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Await.until("all records of topic '" + topic + "' up to offsets " + ends, CONSUME_ALL_TIMEOUT, () -> {
                if (ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    return true;
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return false;
            }, () -> records.size() + " record(s) read");
        }
        return records;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = adminProps();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Client settings to reach the broker (a fresh mutable map), for an Admin, producer or consumer of a test's own. */
    public Map<String, Object> adminProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** The number of workers currently running. */
    public int workerCount() {
        return cluster.workers().size();
    }

    /**
     * Stops the worker at {@code index} among the running workers (in start order; the index of
     * later workers shifts down by one). Its tasks move to the other workers after a rebalance.
     */
    public void stopWorker(int index) {
        List<WorkerHandle> workers = new ArrayList<>(cluster.workers());
        if (index < 0 || index >= workers.size()) {
            throw new IllegalArgumentException("Cannot stop worker " + index + ": only " + workers.size()
                    + " worker(s) are running (indexes start at 0)");
        }
        cluster.removeWorker(workers.get(index));
    }

    /** Starts one more worker and waits until it answers on its REST API. */
    public void startWorker() {
        WorkerHandle worker = cluster.addWorker();
        Await.until("worker " + worker + " to answer on its REST API", WORKER_START_TIMEOUT,
                () -> cluster.isHealthy(worker));
    }

    /** Stops every worker, then the broker, and deletes their data. Safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            producer.close(Duration.ofSeconds(5));
        } finally {
            // EmbeddedConnectCluster.stop() stops the workers before the broker.
            cluster.stop();
        }
    }

    private URI firstWorkerUri() {
        return cluster.workers().stream()
                .map(WorkerHandle::url)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Cannot call the Connect REST API: no worker is running; start one with startWorker()"));
    }

    @Override
    public String toString() {
        return "ConnectCluster(bootstrap=" + bootstrapServers() + ", workers="
                + cluster.workers().stream().map(w -> w.url().toString()).collect(Collectors.joining(", ")) + ")";
    }
}
