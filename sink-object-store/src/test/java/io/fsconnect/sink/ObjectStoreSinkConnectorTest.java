package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.auth.config.DataSourceReference;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ObjectStoreSinkConnectorTest {

    @Test
    void versionIsTheBuiltProjectVersion() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = getClass().getResourceAsStream("fsconnect-sink-object-store.properties")) {
            pom.load(in);
        }
        assertThat(new ObjectStoreSinkConnector().version())
                .isEqualTo(pom.getProperty("version"))
                .doesNotContain("${")
                .matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(new ObjectStoreSinkTask().version()).isEqualTo(new ObjectStoreSinkConnector().version());
    }

    @Test
    void everyTaskGetsTheConnectorConfiguration() {
        ObjectStoreSinkConnector connector = new ObjectStoreSinkConnector();
        Map<String, String> props = Map.of("datasource", LOCAL, "flush.size", "5");
        connector.start(props);

        assertThat(connector.taskConfigs(3)).containsExactly(props, props, props);
        assertThat(connector.taskClass()).isEqualTo(ObjectStoreSinkTask.class);
    }

    @Test
    void validationReportsInlineDataSourceProblemsOnTheirKeys() {
        Map<String, ConfigValue> values = validate(Map.of("datasource.type", "s3", "datasource.name", "lake",
                "datasource.region", "eu-north-1"));

        assertThat(values.get("datasource.bucket").errorMessages()).singleElement().asString().contains("bucket");
        assertThat(values).doesNotContainKey("datasource.region");
    }

    @Test
    void validationRefusesADataSourceThatIsNotAnObjectStore() {
        Map<String, ConfigValue> values = validate(Map.of("datasource.type", "jdbc", "datasource.name", "orders",
                "datasource.connection.url", "jdbc:postgresql://db:5432/orders"));

        assertThat(values.get("datasource.type").errorMessages()).singleElement().asString()
                .startsWith("Cannot write files to data source orders: it is of type")
                .contains("use a data source of type local, s3, adls or gcs");
    }

    @Test
    void validationReportsAnUnresolvedReferenceOnTheDatasourceKey() {
        Map<String, ConfigValue> values = validate(Map.of("datasource", "${datasource:lake}"));

        assertThat(values.get("datasource").errorMessages()).singleElement().asString()
                .contains("placeholder was not resolved");
    }

    @Test
    void storeTuningKeysAreCheckedAndPickedByKindOfStore() {
        Map<String, ConfigValue> values = validate(Map.of("datasource", LOCAL, "s3.part.size.bytes", "1024",
                "gcs.chunk.size.bytes", "1000", "store.retry.max.attempts", "0"));

        for (String key : List.of("s3.part.size.bytes", "gcs.chunk.size.bytes", "store.retry.max.attempts")) {
            assertThat(values.get(key).errorMessages()).as(key).isNotEmpty();
        }
        ObjectStoreSinkConfig config = new ObjectStoreSinkConfig(Map.of("datasource", LOCAL,
                "azure.block.size.bytes", "4194304", "store.retry.max.attempts", "5", "store.retry.backoff.ms", "50"));
        io.fsconnect.auth.DataSource adls = io.fsconnect.auth.config.DataSourceParser.validateDefinition(Map.of(
                "type", "adls", "name", "lake", "account.name", "acct", "container", "training")).orElseThrow();
        assertThat(config.tuning(adls).partSizeBytes()).isEqualTo(4194304);
        assertThat(config.tuning(adls).maxAttempts()).isEqualTo(5);
        assertThat(config.tuning(adls).retryBackoff()).isEqualTo(java.time.Duration.ofMillis(50));
        assertThat(config.tuning(config.dataSource()).partSizeBytes()).isEqualTo(8 * 1024 * 1024);
    }

    @Test
    void validationRejectsUnknownChoicesAndBadNumbers() {
        Map<String, ConfigValue> values = validate(Map.of("datasource", LOCAL,
                "format", "orc", "parquet.codec", "lz4", "flush.size", "0", "rotate.schedule.interval.ms", "0",
                "topics.dir", "/abs/"));

        for (String key : List.of("format", "parquet.codec", "flush.size", "rotate.schedule.interval.ms",
                "topics.dir")) {
            assertThat(values.get(key).errorMessages()).as(key).isNotEmpty();
        }
        assertThat(values.get("rotate.schedule.interval.ms").errorMessages().get(0))
                .contains("Cannot use 0 as a rotation interval");
    }

    @Test
    void codecNamesAreCaseInsensitiveAndDefaultsAreSensible() {
        ObjectStoreSinkConfig config = new ObjectStoreSinkConfig(Map.of("datasource", LOCAL,
                "parquet.codec", "ZSTD"));

        assertThat(config.format().toString()).contains("zstd");
        assertThat(config.objectNames()).isEqualTo(new ObjectNames("topics", ".parquet"));
        assertThat(RotationConfig.flushSize(config)).isEqualTo(10_000);
        assertThat(RotationConfig.scheduleInterval(config)).isEmpty();
    }

    @Test
    void validationRejectsBadPartitioningKeysOnTheKeyToFix() {
        Map<String, ConfigValue> values = validate(Map.of("datasource", LOCAL,
                "partitioner.class", "com.example.NoSuchPartitioner", "path.format", "'year'=yyyy/{",
                "timezone", "Mars/Olympus", "timestamp.extractor", "Kafka", "partition.field.name", "a..b",
                "avro.codec", "lzo", "file.compression.type", "zip", "rotate.size.bytes", "0",
                "rotate.interval.ms", "-5"));

        for (String key : List.of("partitioner.class", "path.format", "timezone", "timestamp.extractor",
                "partition.field.name", "avro.codec", "file.compression.type", "rotate.size.bytes",
                "rotate.interval.ms")) {
            assertThat(values.get(key).errorMessages()).as(key).isNotEmpty();
        }
        assertThat(values.get("partitioner.class").errorMessages().get(0))
                .contains("Cannot load partitioner class 'com.example.NoSuchPartitioner'");
    }

    @Test
    void validationReportsKeysThatMustBeSetTogether() {
        assertThat(validate(Map.of("datasource", LOCAL, "partitioner.class", "field"))
                .get("partition.field.name").errorMessages()).singleElement().asString()
                .startsWith("Cannot partition by fields: partition.field.name is empty");
        assertThat(validate(Map.of("datasource", LOCAL, "partitioner.class", "time",
                "timestamp.extractor", "RecordField")).get("timestamp.field").errorMessages())
                .singleElement().asString().startsWith("Cannot take record times from a field");
    }

    @Test
    void aCustomPartitionerClassIsLoadedAndConfigured() {
        ObjectStoreSinkConfig config = new ObjectStoreSinkConfig(Map.of("datasource", LOCAL,
                "partitioner.class", KeyPartitioner.class.getName()));

        Partitioner partitioner = config.partitioner(Map.of("key.directory", "by-key"));

        assertThat(partitioner.encodePartition(new org.apache.kafka.connect.sink.SinkRecord("t", 0, null, "k1", null,
                null, 0), java.time.Instant.EPOCH)).isEqualTo("by-key/k1");
    }

    /** A user's partitioner: one directory per record key. */
    public static final class KeyPartitioner implements Partitioner {

        private String directory;

        @Override
        public void configure(Map<String, String> props) {
            directory = props.get("key.directory");
        }

        @Override
        public String encodePartition(org.apache.kafka.connect.sink.SinkRecord record, java.time.Instant now) {
            return directory + "/" + record.key();
        }
    }

    @Test
    void startingWithoutADataSourceFailsNamingTheKey() {
        assertThatThrownBy(() -> new ObjectStoreSinkConnector().start(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("datasource.type");
    }

    /** A local data source as the workers' data-source provider hands it to the connector. */
    private static final String LOCAL = DataSourceReference.encode(Map.of("type", "local", "name", "training",
            "path", "/tmp/x"));

    private static Map<String, ConfigValue> validate(Map<String, String> props) {
        return new ObjectStoreSinkConnector().validate(props).configValues().stream()
                .collect(java.util.stream.Collectors.toMap(ConfigValue::name, value -> value));
    }
}
