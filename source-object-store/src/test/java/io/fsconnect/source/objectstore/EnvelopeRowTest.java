package io.fsconnect.source.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.format.text.JsonLinesRecordReaderFormat;
import io.fsconnect.storage.local.LocalObjectStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What input.envelope=true restores from the rows the sink writes with format.envelope=true. */
class EnvelopeRowTest {

    private static final Schema VALUE = SchemaBuilder.struct().name("com.example.Order").optional()
            .field("id", Schema.INT64_SCHEMA).field("note", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema HEADER = SchemaBuilder.struct()
            .field("key", Schema.STRING_SCHEMA).field("value", Schema.OPTIONAL_STRING_SCHEMA)
            .field("type", Schema.OPTIONAL_STRING_SCHEMA).build();
    /** The header layout of files written before header types were kept. */
    private static final Schema UNTYPED_HEADER = SchemaBuilder.struct()
            .field("key", Schema.STRING_SCHEMA).field("value", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final long TIME = Instant.parse("2024-02-29T13:14:15.016Z").toEpochMilli();

    @TempDir
    Path root;

    private static Schema envelope(Schema header) {
        return SchemaBuilder.struct().name("io.fsconnect.sink.Envelope")
                .field("key", Schema.OPTIONAL_STRING_SCHEMA).field("value", VALUE)
                .field("headers", SchemaBuilder.array(header).build())
                .field("topic", Schema.STRING_SCHEMA).field("partition", Schema.INT32_SCHEMA)
                .field("offset", Schema.INT64_SCHEMA).field("timestamp", Timestamp.builder().optional().build())
                .build();
    }

    private static Struct header(String key, String value, String type) {
        return new Struct(HEADER).put("key", key).put("value", value).put("type", type);
    }

    private static SourceRecord restore(Struct row) {
        return SourceRecordBuilder.restoringEnvelopes("local:test", TopicTemplate.fixed("copy"))
                .build(new SourceObject("a.parquet", 10, 1), new SchemaAndValue(row.schema(), row),
                        ObjectOffset.of(new SourceObject("a.parquet", 10, 1), 1, false));
    }

    @Test
    void aRowBecomesItsRecordOnTheSamePartitionWithTypedHeaders() {
        Schema schema = envelope(HEADER);
        Struct row = new Struct(schema).put("key", "customer-1")
                .put("value", new Struct(VALUE).put("id", 5L).put("note", "n"))
                .put("headers", List.of(header("text", "pos-7", "string"), header("small", "42", "int8"),
                        header("count", "300000", "int32"), header("flag", "true", "boolean"),
                        header("ratio", "1.5", "float64"), header("raw", "AQL/", "bytes"),
                        header("price", "12.50", "decimal(2)"), header("at", "2024-02-29T13:14:15.016Z", "timestamp"),
                        header("day", "2024-02-29", "date"), header("gone", null, "string")))
                .put("topic", "orders").put("partition", 2).put("offset", 77L).put("timestamp", new Date(TIME));

        SourceRecord record = restore(row);

        assertThat(record.topic()).isEqualTo("copy");
        assertThat(record.kafkaPartition()).isEqualTo(2);
        assertThat(record.timestamp()).isEqualTo(TIME);
        assertThat(record.key()).isEqualTo("customer-1");
        assertThat(record.keySchema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(((Struct) record.value()).getInt64("id")).isEqualTo(5L);
        assertThat(record.valueSchema().name()).isEqualTo("com.example.Order");
        Map<String, Header> headers = new HashMap<>();
        List<String> order = new ArrayList<>();
        record.headers().forEach(h -> {
            headers.put(h.key(), h);
            order.add(h.key());
        });
        assertThat(order).containsExactly("text", "small", "count", "flag", "ratio", "raw", "price", "at", "day", "gone");
        assertThat(headers.get("text").value()).isEqualTo("pos-7");
        assertThat(headers.get("small").value()).isEqualTo((byte) 42);
        assertThat(headers.get("small").schema()).isEqualTo(Schema.INT8_SCHEMA);
        assertThat(headers.get("count").value()).isEqualTo(300_000);
        assertThat(headers.get("flag").value()).isEqualTo(true);
        assertThat(headers.get("ratio").value()).isEqualTo(1.5d);
        assertThat((byte[]) headers.get("raw").value()).containsExactly(1, 2, 0xff);
        assertThat(headers.get("price").value()).isEqualTo(new BigDecimal("12.50"));
        assertThat(headers.get("price").schema()).isEqualTo(Decimal.schema(2));
        assertThat(headers.get("at").value()).isEqualTo(new Date(TIME));
        assertThat(headers.get("at").schema()).isEqualTo(Timestamp.SCHEMA);
        assertThat(headers.get("day").value()).isEqualTo(new Date(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli()));
        assertThat(headers.get("gone").value()).isNull();
    }

    @Test
    void aNullKeyAndATombstoneComeBackWithoutSchemas() {
        Struct row = new Struct(envelope(HEADER)).put("headers", List.of()).put("topic", "orders")
                .put("partition", 0).put("offset", 1L);

        SourceRecord record = restore(row);

        assertThat(record.key()).isNull();
        assertThat(record.keySchema()).isNull();
        assertThat(record.value()).isNull();
        assertThat(record.valueSchema()).isNull();
        assertThat(record.timestamp()).isNull();
    }

    @Test
    void headersOfFilesWrittenBeforeTypesWereKeptComeBackAsText() {
        Struct row = new Struct(envelope(UNTYPED_HEADER)).put("key", "k")
                .put("headers", List.of(new Struct(UNTYPED_HEADER).put("key", "attempt").put("value", "3")))
                .put("topic", "orders").put("partition", 1).put("offset", 1L).put("timestamp", new Date(TIME));

        Header header = restore(row).headers().lastWithName("attempt");

        assertThat(header.value()).isEqualTo("3");
        assertThat(header.schema()).isEqualTo(Schema.STRING_SCHEMA);
    }

    @Test
    void aHeaderWhoseTextDoesNotFitItsTypeIsNamed() {
        Struct row = new Struct(envelope(HEADER)).put("key", "k").put("headers", List.of(header("n", "4x", "int32")))
                .put("topic", "orders").put("partition", 1).put("offset", 1L);

        assertThatThrownBy(() -> restore(row)).hasMessageStartingWith("header 'n' of type int32 holds '4x'");
    }

    @Test
    void jsonLinesEnvelopesComeBackSchemalessAndOtherRowsAreBadRecordsNamingObjectAndPosition() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        SourceFiles.text(store, "env/a.jsonl", String.join("\n",
                "{\"key\":\"k1\",\"value\":{\"id\":1},\"headers\":[{\"key\":\"n\",\"value\":\"7\",\"type\":\"int64\"}],"
                        + "\"topic\":\"orders\",\"partition\":2,\"offset\":10,\"timestamp\":\"2024-02-29T13:14:15.016Z\"}",
                "{\"id\":2,\"note\":\"a plain row\"}", ""));
        ObjectInfo info = store.list("env/").iterator().next();
        SourceObject object = new SourceObject(info.key(), info.size(), info.lastModified().toEpochMilli());

        AssignedObjectsReader skipping = reader(store, object, BadRecordPolicy.SKIP);
        List<SourceRecord> records = skipping.readBatch(10);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("k1");
        assertThat(records.get(0).keySchema()).isNull();
        assertThat(records.get(0).value()).isEqualTo(Map.of("id", 1L));
        assertThat(records.get(0).kafkaPartition()).isEqualTo(2);
        assertThat(records.get(0).timestamp()).isEqualTo(TIME);
        assertThat(records.get(0).headers().lastWithName("n").value()).isEqualTo(7L);
        assertThat(skipping.skippedRecords()).isEqualTo(1);

        AssignedObjectsReader failing = reader(store, object, BadRecordPolicy.FAIL);
        assertThatThrownBy(() -> failing.readBatch(10)).isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Cannot read object env/a.jsonl at record 1: the row is not a record envelope")
                .hasMessageContaining("it has no field 'key'");
    }

    @Test
    void envelopesReplaceKeyAndTimeColumnsAndCannotComeFromCsv() {
        Map<String, String> props = new HashMap<>(Map.of("datasource.type", "local", "datasource.name", "lake",
                "datasource.path", root.toString(), "topic", "copy",
                "input.format", "parquet", "input.envelope", "true"));
        assertThat(new ObjectStoreSourceConfig(props).inputEnvelope()).isTrue();

        props.put("primary.key.columns", "id");
        assertThatThrownBy(() -> new ObjectStoreSourceConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot use primary.key.columns with input.envelope=true");

        props.remove("primary.key.columns");
        props.put("input.format", "csv");
        assertThatThrownBy(() -> new ObjectStoreSourceConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Cannot read record envelopes from csv files");
    }

    private static AssignedObjectsReader reader(LocalObjectStore store, SourceObject object, BadRecordPolicy policy) {
        return new AssignedObjectsReader(List.of(object), Map.of(),
                new ObjectOpener(store, new JsonLinesRecordReaderFormat(Optional.empty())),
                SourceRecordBuilder.restoringEnvelopes("local:test", TopicTemplate.fixed("copy")), policy, done -> { });
    }
}
