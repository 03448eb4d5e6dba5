package io.fsconnect.bench;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.format.RecordWriter;
import io.fsconnect.storage.format.parquet.ParquetBuffering;
import io.fsconnect.storage.format.parquet.ParquetCodec;
import io.fsconnect.storage.format.parquet.ParquetFormat;
import io.fsconnect.testkit.ConnectCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * {@code sink-parquet-<store>-<n>p}: a topic of {@code n} partitions into Parquet (snappy) objects of a
 * {@link SinkTarget} (local disk, or S3 on Ceph RGW), {@code flush.size} records per object, within an explicit
 * {@code buffer.max.bytes}. The baseline reads the same topic with a plain {@link KafkaConsumer}, converts key and
 * value with the same {@link JsonConverter}, and writes them with the same {@link ParquetFormat}, its pages and row
 * groups sized from the same budget as the sink sizes them, to the same store, one open file per partition, cut at
 * the same size and named the same way. Both end when every expected object is listed. Both are timed in
 * alternating {@link Rounds}, each run writing under a directory of its own; each side's fastest run counts.
 *
 * <p>The heap the connector uses is measured once, in an untimed connector run after the timed ones on the same
 * data, until the first
 * two files of every partition are written: with broker and worker up and no connector running, the heap after a
 * full collection is the idle level; while the connector runs, a full collection is forced every
 * {@value #HEAP_SAMPLE_MS} ms; the highest heap after one of them, less the idle level, is {@code peak_heap_mb}. It still includes what the worker holds for the connector (its consumer's
 * fetched records, converted records in flight), so it bounds the connector's own buffers from above.
 */
final class SinkParquetScenario implements Scenario {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    // Forced collections slow the connector down; the sampled run is not timed, only bounded.
    private static final Duration SAMPLED_TIMEOUT = Duration.ofMinutes(6);
    private static final long HEAP_SAMPLE_MS = 500;
    private static final long MIB = 1024 * 1024;

    private final String name;
    private final int partitions;
    private final int records;
    private final int flushSize;
    private final long budgetBytes;
    private final Duration probeInterval;
    private final Function<Path, SinkTarget> target;

    private SinkParquetScenario(String name, int partitions, int records, int flushSize, long budgetBytes,
                                Duration probeInterval, Function<Path, SinkTarget> target) {
        if (records % (partitions * flushSize) != 0 || flushSize % 5 != 0) {
            throw new IllegalArgumentException("Cannot size scenario " + name + ": " + records
                    + " records do not fill whole files of " + flushSize + " (a multiple of 5, for the warm-up) in "
                    + partitions + " partitions");
        }
        this.name = name;
        this.partitions = partitions;
        this.records = records;
        this.flushSize = flushSize;
        this.budgetBytes = budgetBytes;
        this.probeInterval = probeInterval;
        this.target = target;
    }

    /**
     * Files on local disk. Listing a thousand partition directories costs CPU that both runs would share, so the
     * probe runs every 100 ms then, every 20 ms otherwise.
     */
    static SinkParquetScenario local(String name, int partitions, int records, int flushSize, long budgetBytes) {
        return new SinkParquetScenario(name, partitions, records, flushSize, budgetBytes,
                Duration.ofMillis(partitions > 1 ? 100 : 20), workDir -> new LocalSinkTarget(workDir));
    }

    /** Objects in a bucket of a Ceph RGW started for the scenario; each probe is one ListObjectsV2 request. */
    static SinkParquetScenario rgw(String name, int partitions, int records, int flushSize, long budgetBytes) {
        return new SinkParquetScenario(name, partitions, records, flushSize, budgetBytes, Duration.ofMillis(50),
                workDir -> RgwSinkTarget.start());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BenchResult run(Path pluginPath, Path workDir, HeapAfterGc heap) throws Exception {
        int warmUpRecords = records / 5;
        int warmUpFlushSize = flushSize / 5;
        Bench.progress(name + ": starting the store, the broker and the worker");
        try (SinkTarget store = target.apply(workDir);
             ConnectCluster cluster = ConnectCluster.start(1, Map.of("plugin.path", pluginPath.toString()))) {
            Bench.progress(name + ": producing " + records + " + " + warmUpRecords + " records");
            produce(cluster, "warm", warmUpRecords);
            produce(cluster, "data", records);
            Measurement measurement = new Measurement();
            try {
                Bench.progress(name + ": warming up with " + warmUpRecords + " records");
                connector(cluster, store, measurement, "warm", "warm-connector", warmUpRecords, warmUpFlushSize,
                        TIMEOUT);
                baseline(cluster, store, measurement, "warm", "warm-baseline", warmUpRecords, warmUpFlushSize);
                // Each run writes under a directory of its own, the connector under a name (and group) of its own.
                Rounds.Fastest fastest = Rounds.alternate(Rounds.configured(),
                        run -> connector(cluster, store, measurement, "data", "connector-" + run, records, flushSize,
                                TIMEOUT),
                        run -> baseline(cluster, store, measurement, "data", "baseline-" + run, records, flushSize));
                long idleMb = LiveHeap.settledMb();
                long peakMb;
                Bench.progress(name + ": measuring the connector's heap (idle " + idleMb + " MiB), forcing a full"
                        + " collection every " + HEAP_SAMPLE_MS + " ms");
                try (LiveHeap live = LiveHeap.sample(Duration.ofMillis(HEAP_SAMPLE_MS))) {
                    // Two whole files per partition show a file's lifetime and the step to the next one.
                    connector(cluster, store, measurement, "data", "connector-heap",
                            Math.min(records, 2 * flushSize * partitions), flushSize, SAMPLED_TIMEOUT);
                    peakMb = live.peakMb();
                }
                return new BenchResult(name, records, fastest, Math.max(0, peakMb - idleMb),
                        Map.of("budget_mb", String.valueOf(budgetBytes / MIB), "idle_heap_mb", String.valueOf(idleMb)));
            } finally {
                measurement.shutdown();
            }
        }
    }

    /** Fills the topic; record i goes to partition i mod n, so every partition gets the same count. */
    private void produce(ConnectCluster cluster, String topic, int count) {
        cluster.createTopic(topic, partitions);
        JsonConverter keys = BenchRows.converter(true);
        JsonConverter values = BenchRows.converter(false);
        Map<String, Object> props = new HashMap<>(cluster.adminProps());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // Partition by partition, so that the producer's batches fill up even with 1,000 partitions.
            for (int partition = 0; partition < partitions; partition++) {
                for (long id = partition; id < count; id += partitions) {
                    producer.send(new ProducerRecord<>(topic, partition,
                            keys.fromConnectData(topic, BenchRows.KEY_SCHEMA, BenchRows.key(id)),
                            values.fromConnectData(topic, BenchRows.VALUE_SCHEMA, BenchRows.value(id))));
                }
            }
            producer.flush();
        }
    }

    private double connector(ConnectCluster cluster, SinkTarget store, Measurement measurement, String topic,
                             String run, int count, int fileSize, Duration timeout) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", LocalSinkTarget.SINK_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("format", "parquet");
        config.put("parquet.codec", "snappy");
        config.put("flush.size", String.valueOf(fileSize));
        config.put("buffer.max.bytes", String.valueOf(budgetBytes));
        config.put("transforms", "clock");
        config.put("transforms.clock.type", FirstRecordClock.class.getName());
        config.putAll(store.connectorKeys(run));
        String connector = "sink-" + run;
        double seconds;
        try (ObjectStore probe = store.open(run)) {
            seconds = measurement.seconds(connector, () -> cluster.rest().putConfig(connector, config),
                    ConnectorHealth.failFast(cluster.rest(), connector, landed(probe, topic, count, fileSize)),
                    probeInterval, timeout);
        }
        cluster.rest().delete(connector);
        Bench.progress(String.format("%s: %d records in %.3f s", connector, count, seconds));
        return seconds;
    }

    private double baseline(ConnectCluster cluster, SinkTarget store, Measurement measurement, String topic,
                            String run, int count, int fileSize) throws Exception {
        double seconds;
        try (ObjectStore probe = store.open(run)) {
            seconds = measurement.seconds("baseline " + run, () -> {
                try (ObjectStore writeTo = store.open(run)) {
                    copy(cluster.bootstrapServers(), topic, writeTo, count, fileSize);
                }
                return null;
            }, landed(probe, topic, count, fileSize), probeInterval, TIMEOUT);
        }
        Bench.progress(String.format("baseline %s: %d records in %.3f s", run, count, seconds));
        return seconds;
    }

    /**
     * Every object of the run listed under its final name. Files that the sink completed early under memory
     * pressure would start at other offsets, so a budget too small for the scenario shows as a timeout rather
     * than as a faster run of smaller files.
     */
    private BooleanSupplier landed(ObjectStore probe, String topic, int count, int fileSize) {
        Set<String> expected = new HashSet<>();
        for (int partition = 0; partition < partitions; partition++) {
            for (long offset = 0; offset < count / partitions; offset += fileSize) {
                expected.add(objectKey(topic, partition, offset));
            }
        }
        return Landed.objectsListed(probe, "topics/" + topic + "/", expected);
    }

    /** The sink's default object name: {@code topics/<topic>/partition=<p>/<topic>+<p>+<first offset>.parquet}. */
    private static String objectKey(String topic, int partition, long firstOffset) {
        return "topics/" + topic + "/partition=" + partition + "/" + topic + "+" + partition + "+"
                + String.format("%020d", firstOffset) + ".parquet";
    }

    /** One open file of the baseline: the upload it streams to and the format's writer on it. */
    private record OpenFile(ObjectUpload upload, RecordWriter writer, int[] written) {
    }

    /**
     * The baseline: plain consumer, the same converter, the same Parquet writer with the sink's buffering for the
     * same budget, the same store.
     */
    private void copy(String bootstrapServers, String topic, ObjectStore store, int count, int fileSize)
            throws Exception {
        JsonConverter keys = BenchRows.converter(true);
        JsonConverter values = BenchRows.converter(false);
        ParquetFormat format = new ParquetFormat(ParquetCodec.SNAPPY)
                .withBuffering(ParquetBuffering.forBudget(budgetBytes));
        Map<Integer, OpenFile> open = new HashMap<>();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = IntStream.range(0, partitions)
                    .mapToObj(partition -> new TopicPartition(topic, partition))
                    .toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long seen = 0;
            while (seen < count) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    FirstRecordClock.mark();
                    SchemaAndValue key = keys.toConnectData(topic, record.key());
                    SchemaAndValue value = values.toConnectData(topic, record.value());
                    OpenFile file = open.get(record.partition());
                    if (file == null) {
                        ObjectUpload upload = store.create(objectKey(topic, record.partition(), record.offset()));
                        file = new OpenFile(upload, format.open(upload, Optional.of(value.schema())), new int[1]);
                        open.put(record.partition(), file);
                    }
                    if (key.value() == null) {
                        throw new IllegalStateException("Cannot copy " + topic + "-" + record.partition() + "@"
                                + record.offset() + ": the benchmark data has a key on every record");
                    }
                    file.writer().write(value.value());
                    if (++file.written()[0] == fileSize) {
                        file.writer().commit();
                        file.writer().close();
                        file.upload().close();
                        open.remove(record.partition());
                    }
                    seen++;
                }
            }
        }
    }
}
