package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a row holds in each format: values, schemaless values, null values and the record envelope. */
class RowsTest {

    private static final String TOPIC = "orders";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final Schema ORDER = SchemaBuilder.struct().name("Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    @TempDir
    Path root;

    private final List<ObjectStoreSinkTask> started = new ArrayList<>();

    @AfterEach
    void stopTasks() {
        started.forEach(ObjectStoreSinkTask::stop);
    }

    @Test
    void jsonTakesSchemalessValuesAndWritesTombstonesAsNullWhenAsked() throws IOException {
        ObjectStoreSinkTask task = start(Map.of("format", "json", "behavior.on.null.values", "write",
                "file.compression.type", "gzip", "flush.size", "3"));

        task.put(List.of(schemaless(0, Map.of("id", 0L)), schemaless(1, null), schemaless(2, Map.of("id", 2L))));

        String file = "topics/orders/partition=0/orders+0+00000000000000000000.jsonl.gz";
        assertThat(files()).containsExactly(file);
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(root.resolve(file)))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":0}\nnull\n{\"id\":2}\n");
        }
    }

    @Test
    void ignoredTombstonesAreSkippedAndCommitted() {
        ObjectStoreSinkTask task = start(Map.of("behavior.on.null.values", "ignore", "flush.size", "2"));

        task.put(List.of(order(0), new SinkRecord(TOPIC, 0, null, null, ORDER, null, 1), order(2), order(3)));

        assertThat(files()).containsExactly("topics/orders/partition=0/orders+0+00000000000000000000.parquet");
        assertThat(ParquetRows.longs(root.resolve(files().get(0)), "id")).containsExactly(0L, 2L);
        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(4)))).isEqualTo(Map.of(P0,
                new OffsetAndMetadata(3)));
    }

    @Test
    void writingNullsInAFormatWhoseRowsCannotHoldThemIsRefusedOnTheKey() {
        Map<String, String> props = props(Map.of("format", "csv", "behavior.on.null.values", "write"));

        assertThatThrownBy(() -> new ObjectStoreSinkTask().start(props)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot write null values as csv rows")
                .hasMessageContaining("format.envelope=true");
        assertThat(new ObjectStoreSinkConnector().validate(props).configValues().stream()
                .filter(value -> value.name().equals("behavior.on.null.values")).findFirst().orElseThrow()
                .errorMessages()).singleElement().asString().startsWith("Cannot write null values as csv rows");
    }

    @Test
    void csvFilesHaveAHeaderAndOneRowPerStruct() throws IOException {
        ObjectStoreSinkTask task = start(Map.of("format", "csv", "flush.size", "2"));

        Struct quoted = new Struct(ORDER).put("id", 1L).put("note", "a, \"b\"");

        task.put(List.of(order(0), new SinkRecord(TOPIC, 0, null, null, ORDER, quoted, 1)));

        String file = "topics/orders/partition=0/orders+0+00000000000000000000.csv";
        assertThat(files()).containsExactly(file);
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(Files.newInputStream(root.resolve(file)),
                StandardCharsets.UTF_8), CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).containsExactly("id", "note");
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows.get(0).get("id")).isEqualTo("0");
            assertThat(rows.get(1).get("note")).isEqualTo("a, \"b\"");
        }
    }

    @Test
    void theAvroEnvelopeKeepsKeyValueHeadersAndPosition() throws IOException {
        ObjectStoreSinkTask task = start(Map.of("format", "avro", "format.envelope", "true",
                "behavior.on.null.values", "write", "flush.size", "2"));
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("source", "pos-7");
        headers.addInt("attempt", 3);
        headers.addDecimal("price", new java.math.BigDecimal("12.50"));
        headers.addBytes("raw", new byte[] {1, 2, (byte) 0xff});
        SinkRecord full = new SinkRecord(TOPIC, 0, Schema.STRING_SCHEMA, "customer-1", ORDER,
                new Struct(ORDER).put("id", 5L), 5, Instant.parse("2024-02-29T13:14:15.016Z").toEpochMilli(),
                TimestampType.CREATE_TIME, headers);
        SinkRecord tombstone = new SinkRecord(TOPIC, 0, Schema.STRING_SCHEMA, "customer-1", ORDER, null, 6);

        task.put(List.of(full, tombstone));

        String file = "topics/orders/partition=0/orders+0+00000000000000000005.avro";
        assertThat(files()).containsExactly(file);
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(root.resolve(file).toFile(),
                new GenericDatumReader<>())) {
            GenericRecord row = reader.next();
            assertThat(row.get("key").toString()).isEqualTo("customer-1");
            assertThat(((GenericRecord) row.get("value")).get("id")).isEqualTo(5L);
            List<?> rowHeaders = (List<?>) row.get("headers");
            assertThat(rowHeaders).hasSize(4);
            assertThat(((GenericRecord) rowHeaders.get(0)).get("key").toString()).isEqualTo("source");
            assertThat(((GenericRecord) rowHeaders.get(0)).get("value").toString()).isEqualTo("pos-7");
            assertThat(((GenericRecord) rowHeaders.get(0)).get("type").toString()).isEqualTo("string");
            assertThat(((GenericRecord) rowHeaders.get(1)).get("value").toString()).isEqualTo("3");
            assertThat(((GenericRecord) rowHeaders.get(1)).get("type").toString()).isEqualTo("int32");
            assertThat(((GenericRecord) rowHeaders.get(2)).get("value").toString()).isEqualTo("12.50");
            assertThat(((GenericRecord) rowHeaders.get(2)).get("type").toString()).isEqualTo("decimal(2)");
            assertThat(((GenericRecord) rowHeaders.get(3)).get("value").toString()).isEqualTo("AQL/");
            assertThat(((GenericRecord) rowHeaders.get(3)).get("type").toString()).isEqualTo("bytes");
            assertThat(row.get("topic").toString()).isEqualTo(TOPIC);
            assertThat(row.get("partition")).isEqualTo(0);
            assertThat(row.get("offset")).isEqualTo(5L);
            assertThat(row.get("timestamp")).isEqualTo(Instant.parse("2024-02-29T13:14:15.016Z").toEpochMilli());
            GenericRecord deleted = reader.next();
            assertThat(deleted.get("key").toString()).isEqualTo("customer-1");
            assertThat(deleted.get("value")).isNull();
            assertThat(deleted.get("offset")).isEqualTo(6L);
        }
    }

    @Test
    void theJsonEnvelopeOfSchemalessRecordsIsAnObjectPerLine() throws IOException {
        ObjectStoreSinkTask task = start(Map.of("format", "json", "format.envelope", "true", "flush.size", "1"));

        task.put(List.of(new SinkRecord(TOPIC, 0, null, "k1", null, Map.of("id", 9L), 9, 1000L,
                TimestampType.CREATE_TIME)));

        JsonNode row = JACKSON.readTree(Files.readString(root.resolve(
                "topics/orders/partition=0/orders+0+00000000000000000009.jsonl")));
        assertThat(row.get("key").textValue()).isEqualTo("k1");
        assertThat(row.get("value").get("id").longValue()).isEqualTo(9L);
        assertThat(row.get("headers").isArray()).isTrue();
        assertThat(row.get("topic").textValue()).isEqualTo(TOPIC);
        assertThat(row.get("partition").intValue()).isEqualTo(0);
        assertThat(row.get("offset").longValue()).isEqualTo(9L);
        assertThat(row.get("timestamp").textValue()).isEqualTo("1970-01-01T00:00:01.000Z");
    }

    @Test
    void schemalessValuesForParquetAreReportedSayingWhichFormatsTakeThem() {
        ObjectStoreSinkTask task = start(Map.of("format", "parquet"));

        assertThatThrownBy(() -> task.put(List.of(schemaless(3, Map.of("id", 3L)))))
                .hasMessageStartingWith("Cannot write record orders-0@3: the value has no schema")
                .hasMessageContaining("format=json, csv or tsv");
    }

    private ObjectStoreSinkTask start(Map<String, String> overrides) {
        Map<String, String> props = props(overrides);
        ObjectStoreSinkTask task = new ObjectStoreSinkTask();
        task.initialize(new FakeSinkTaskContext(props, false));
        task.start(props);
        started.add(task);
        return task;
    }

    private Map<String, String> props(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("datasource.type", "local");
        props.put("datasource.name", "training");
        props.put("datasource.path", root.toString());
        props.putAll(overrides);
        return props;
    }

    private List<String> files() {
        return ParquetRows.files(root).stream().filter(name -> !name.contains("/.")).toList();
    }

    private static SinkRecord order(long offset) {
        return new SinkRecord(TOPIC, 0, null, null, ORDER, new Struct(ORDER).put("id", offset), offset);
    }

    private static SinkRecord schemaless(long offset, Object value) {
        return new SinkRecord(TOPIC, 0, null, null, null, value, offset);
    }
}
