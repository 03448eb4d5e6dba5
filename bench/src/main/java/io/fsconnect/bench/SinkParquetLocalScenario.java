package io.fsconnect.bench;

import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.format.RecordWriter;
import io.fsconnect.storage.format.parquet.ParquetCodec;
import io.fsconnect.storage.format.parquet.ParquetFormat;
import io.fsconnect.storage.local.LocalObjectStore;
import io.fsconnect.testkit.ConnectCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@code sink-parquet-local-<n>p}: a topic of {@code n} partitions into Parquet (snappy) files on local
 * disk, {@code flush.size} records per file. The baseline reads the same topic with a plain
 * {@link KafkaConsumer}, converts key and value with the same {@link JsonConverter}, and writes them with
 * the same {@link ParquetFormat} to the same {@link LocalObjectStore}, one open file per partition, cut at
 * the same size and named the same way. Both end when every file is complete.
 */
final class SinkParquetLocalScenario implements Scenario {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final int partitions;
    private final int records;
    private final int flushSize;

    SinkParquetLocalScenario(String name, int partitions, int records, int flushSize) {
        if (records % (partitions * flushSize) != 0) {
            throw new IllegalArgumentException("Cannot size scenario " + name + ": " + records
                    + " records do not fill whole files of " + flushSize + " in " + partitions + " partitions");
        }
        this.name = name;
        this.partitions = partitions;
        this.records = records;
        this.flushSize = flushSize;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BenchResult run(Path pluginPath, Path workDir, HeapAfterGc heap) throws Exception {
        int warmUpRecords = records / 5;
        int warmUpFlushSize = flushSize / 5;
        // Walking a thousand directories costs CPU that both runs would share; probe less often then.
        Duration probeInterval = Duration.ofMillis(partitions > 1 ? 100 : 20);
        try (ConnectCluster cluster = ConnectCluster.start(1, Map.of("plugin.path", pluginPath.toString()))) {
            Bench.progress(name + ": producing " + records + " + " + warmUpRecords + " records");
            produce(cluster, "warm", warmUpRecords);
            produce(cluster, "data", records);
            Measurement measurement = new Measurement();
            try {
                Bench.progress(name + ": warming up with " + warmUpRecords + " records");
                connector(cluster, measurement, "warm", workDir.resolve("warm-connector"), warmUpRecords,
                        warmUpFlushSize, probeInterval);
                baseline(cluster, measurement, "warm", workDir.resolve("warm-baseline"), warmUpRecords,
                        warmUpFlushSize, probeInterval);
                heap.reset();
                double connectorSeconds = connector(cluster, measurement, "data", workDir.resolve("connector"),
                        records, flushSize, probeInterval);
                long peakHeapMb = heap.peakMb();
                double baselineSeconds = baseline(cluster, measurement, "data", workDir.resolve("baseline"),
                        records, flushSize, probeInterval);
                return new BenchResult(name, records, connectorSeconds, baselineSeconds, peakHeapMb);
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

    private double connector(ConnectCluster cluster, Measurement measurement, String topic, Path root, int count,
                             int fileSize, Duration probeInterval) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", LocalSinkStore.SINK_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("format", "parquet");
        config.put("parquet.codec", "snappy");
        config.put("flush.size", String.valueOf(fileSize));
        config.put("transforms", "clock");
        config.put("transforms.clock.type", FirstRecordClock.class.getName());
        config.putAll(LocalSinkStore.keys(cluster.rest(), config, root));
        String connector = "sink-" + root.getFileName();
        double seconds = measurement.seconds(connector, () -> cluster.rest().putConfig(connector, config),
                ConnectorHealth.failFast(cluster.rest(), connector,
                        Landed.filesUnder(root, ".parquet", count / fileSize)), probeInterval, TIMEOUT);
        cluster.rest().delete(connector);
        Bench.progress(String.format("%s: %d records in %.3f s", connector, count, seconds));
        return seconds;
    }

    private double baseline(ConnectCluster cluster, Measurement measurement, String topic, Path root, int count,
                            int fileSize, Duration probeInterval) {
        double seconds = measurement.seconds("baseline " + root.getFileName(), () -> {
            copy(cluster.bootstrapServers(), topic, root, count, fileSize);
            return null;
        }, Landed.filesUnder(root, ".parquet", count / fileSize), probeInterval, TIMEOUT);
        Bench.progress(String.format("baseline %s: %d records in %.3f s", root.getFileName(), count, seconds));
        return seconds;
    }

    /** One open file of the baseline: the upload it streams to and the format's writer on it. */
    private record OpenFile(ObjectUpload upload, RecordWriter writer, int[] written) {
    }

    /** The baseline: plain consumer, the same converter, the same Parquet writer, the same store. */
    private void copy(String bootstrapServers, String topic, Path root, int count, int fileSize) throws Exception {
        JsonConverter keys = BenchRows.converter(true);
        JsonConverter values = BenchRows.converter(false);
        ParquetFormat format = new ParquetFormat(ParquetCodec.SNAPPY);
        Map<Integer, OpenFile> open = new HashMap<>();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             LocalObjectStore store = new LocalObjectStore(root)) {
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
                        ObjectUpload upload = store.create("topics/" + topic + "/partition=" + record.partition()
                                + "/" + topic + "+" + record.partition() + "+" + String.format("%020d", record.offset())
                                + format.extension());
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
