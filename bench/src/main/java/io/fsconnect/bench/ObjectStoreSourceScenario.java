package io.fsconnect.bench;

import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderFormat;
import io.fsconnect.storage.format.parquet.ParquetCodec;
import io.fsconnect.storage.format.parquet.ParquetFormat;
import io.fsconnect.storage.format.parquet.ParquetRecordReaderFormat;
import io.fsconnect.storage.format.text.CsvFormat;
import io.fsconnect.storage.format.text.CsvRecordReaderFormat;
import io.fsconnect.storage.format.text.TextCompression;
import io.fsconnect.testkit.CephRgwServer;
import io.fsconnect.testkit.ConnectCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * {@code source-<format>-<store>}: {@value #FILES} files of {@value #ROWS_PER_FILE} {@link BenchRows} each, written
 * once by the harness with common-storage's writers (Parquet snappy, or CSV with a header) to a local directory or
 * to a bucket on a real Ceph RGW, read into a 1-partition topic. The connector is the
 * {@code ObjectStoreSourceConnector} with one task, its store given by inline {@code datasource.*} keys, the key
 * from the {@code id} column (CSV columns declared with {@code input.columns}). The baseline lists the same
 * prefix and reads the same files with the same reader through the same store adapter (ranged reads for Parquet),
 * builds the key the same way, converts with the same {@link JsonConverter} and sends with a
 * {@link KafkaProducer} configured as the worker configures a source task's producer. Both end when the topic
 * holds every row.
 */
final class ObjectStoreSourceScenario implements Scenario {

    /** The file formats a scenario reads. */
    enum Format {
        PARQUET, CSV
    }

    /** Where the files live. */
    enum Store {
        LOCAL, S3
    }

    static final int FILES = 10;
    static final int ROWS_PER_FILE = 100_000;
    private static final int WARM_UP_FILES = 2;
    private static final int ROWS = FILES * ROWS_PER_FILE;
    private static final String DATA_PREFIX = "data/";
    private static final String WARM_UP_PREFIX = "warm/";
    private static final String BUCKET = "lake";
    /** The CSV files' columns as {@code input.columns} declares them: those of {@link BenchRows}, all optional. */
    private static final Schema CSV_SCHEMA = optionalFields(BenchRows.VALUE_SCHEMA);
    private static final String CSV_COLUMNS = CSV_SCHEMA.fields().stream()
            .map(field -> field.name() + ":" + (Timestamp.LOGICAL_NAME.equals(field.schema().name()) ? "timestamp"
                    : field.schema().type().getName()))
            .collect(Collectors.joining(","));
    // Generous, since throughput varies with load; a run that takes longer fails instead of printing a line.
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Format format;
    private final Store store;

    ObjectStoreSourceScenario(Format format, Store store) {
        this.format = format;
        this.store = store;
    }

    @Override
    public String name() {
        return "source-" + format.name().toLowerCase(Locale.ROOT) + "-"
                + store.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public BenchResult run(Path pluginPath, Path workDir, HeapAfterGc heap) throws Exception {
        CephRgwServer rgw = store == Store.S3 ? CephRgwServer.start() : null;
        try {
            Map<String, String> source = rgw == null ? localSource(workDir) : s3Source(rgw);
            writeFiles(source);
            try (ConnectCluster cluster = ConnectCluster.start(1, Map.of("plugin.path", pluginPath.toString()));
                 KafkaConsumer<byte[], byte[]> probe = Landed.offsetProbe(cluster.bootstrapServers())) {
                Measurement measurement = new Measurement();
                try {
                    int warmUpRows = WARM_UP_FILES * ROWS_PER_FILE;
                    Bench.progress(name() + ": warming up with " + warmUpRows + " rows");
                    connector(cluster, probe, measurement, source, "warm-connector", WARM_UP_PREFIX, warmUpRows);
                    baseline(cluster, probe, measurement, source, "warm-baseline", WARM_UP_PREFIX, warmUpRows);

                    return SourceRuns.rounds(name(), ROWS, heap,
                            run -> connector(cluster, probe, measurement, source, "connector-" + run, DATA_PREFIX,
                                    ROWS),
                            run -> baseline(cluster, probe, measurement, source, "baseline-" + run, DATA_PREFIX,
                                    ROWS));
                } finally {
                    measurement.shutdown();
                }
            }
        } finally {
            if (rgw != null) {
                rgw.close();
            }
        }
    }

    private static Map<String, String> localSource(Path workDir) {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("type", "local");
        source.put("name", "lake");
        source.put("path", workDir.resolve("lake").toString());
        return source;
    }

    private static Map<String, String> s3Source(CephRgwServer rgw) throws Exception {
        CephRgwServer.User user = rgw.createUser("bench");
        S3BucketCreation.create(rgw.endpoint(), rgw.region(), user.accessKeyId(), user.secretAccessKey(), BUCKET);
        Map<String, String> source = new LinkedHashMap<>();
        source.put("type", "s3");
        source.put("name", "lake");
        source.put("bucket", BUCKET);
        source.put("region", rgw.region());
        source.put("endpoint", rgw.endpoint().toString());
        source.put("path.style.access", "true");
        source.put("access.key.id", user.accessKeyId());
        source.put("secret.access.key", user.secretAccessKey());
        return source;
    }

    private void writeFiles(Map<String, String> source) throws IOException {
        RecordFormat writing = format == Format.PARQUET ? new ParquetFormat(ParquetCodec.SNAPPY)
                : CsvFormat.csv(TextCompression.NONE);
        Bench.progress(String.format("%s: writing %d + %d files of %d rows (%s)", name(), WARM_UP_FILES, FILES,
                ROWS_PER_FILE, writing));
        try (ObjectStore lake = open(source)) {
            LakeFiles.write(lake, WARM_UP_PREFIX, writing, WARM_UP_FILES, ROWS_PER_FILE);
            LakeFiles.write(lake, DATA_PREFIX, writing, FILES, ROWS_PER_FILE);
        }
    }

    private double connector(ConnectCluster cluster, KafkaConsumer<byte[], byte[]> probe, Measurement measurement,
                             Map<String, String> source, String topic, String prefix, int rows) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.fsconnect.source.objectstore.ObjectStoreSourceConnector");
        config.put("tasks.max", "1");
        source.forEach((key, value) -> config.put("datasource." + key, value));
        config.put("input.format", format.name().toLowerCase(Locale.ROOT));
        if (format == Format.CSV) {
            config.put("input.columns", CSV_COLUMNS);
        }
        config.put("input.prefix", prefix);
        config.put("primary.key.columns", "id");
        config.put("topic", topic);
        // One listing only: the files are all there before the connector starts.
        config.put("poll.interval.ms", "3600000");
        return SourceRuns.connector(cluster, probe, measurement, name() + "-" + topic, config, topic, rows, TIMEOUT);
    }

    private double baseline(ConnectCluster cluster, KafkaConsumer<byte[], byte[]> probe, Measurement measurement,
                            Map<String, String> source, String topic, String prefix, int rows) {
        return SourceRuns.baseline(cluster, probe, measurement, topic, rows, TIMEOUT,
                (bootstrapServers, into) -> copy(source, bootstrapServers, prefix, into));
    }

    /** The baseline: the same store adapter and reader, the same key and converter, a plain producer. */
    private void copy(Map<String, String> source, String bootstrapServers, String prefix, String topic)
            throws IOException {
        RecordReaderFormat reading = format == Format.PARQUET ? new ParquetRecordReaderFormat()
                : new CsvRecordReaderFormat(',', '"', true, Optional.of(CSV_SCHEMA));
        JsonConverter keys = BenchRows.converter(true);
        JsonConverter values = BenchRows.converter(false);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (ObjectStore lake = open(source);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(sourceTaskProducerConfig(bootstrapServers),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            List<String> objects = new ArrayList<>();
            for (ObjectInfo object : lake.list(prefix)) {
                objects.add(object.key());
            }
            Schema keySchema = null;
            for (String object : objects) {
                try (RecordReader reader = reading.needsSeekableInput() ? reading.open(lake.openSeekable(object))
                        : reading.open(lake.open(object))) {
                    for (Optional<SchemaAndValue> next = reader.next(); next.isPresent(); next = reader.next()) {
                        FirstRecordClock.mark();
                        Struct value = (Struct) next.get().value();
                        if (keySchema == null) {
                            keySchema = SchemaBuilder.struct().field("id", value.schema().field("id").schema()).build();
                        }
                        Struct key = new Struct(keySchema).put("id", value.get("id"));
                        producer.send(new ProducerRecord<>(topic, keys.fromConnectData(topic, keySchema, key),
                                values.fromConnectData(topic, value.schema(), value)), (metadata, e) -> {
                                    if (e != null) {
                                        failure.compareAndSet(null, e);
                                    }
                                });
                    }
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IOException("Cannot send the baseline's records to " + topic + ": " + failure.get(),
                    failure.get());
        }
    }

    /** What the worker gives a source task's producer (Connect's base producer settings, no overrides). */
    private static Map<String, Object> sourceTaskProducerConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Long.MAX_VALUE));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        return config;
    }

    /** {@code struct} with every field optional, as declared columns are. */
    private static Schema optionalFields(Schema struct) {
        SchemaBuilder optional = SchemaBuilder.struct();
        for (Field field : struct.fields()) {
            SchemaBuilder column = new SchemaBuilder(field.schema().type()).optional();
            if (field.schema().name() != null) {
                column.name(field.schema().name()).version(field.schema().version());
            }
            optional.field(field.name(), column.build());
        }
        return optional.build();
    }

    private static ObjectStore open(Map<String, String> source) throws IOException {
        return ObjectStores.open(DataSourceParser.parse(source, ""), ObjectStores.Tuning.DEFAULTS);
    }
}
