package io.fsconnect.storage.format.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.storage.format.AvroRecordMapping;
import io.fsconnect.storage.format.DecimalEncoding;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AvroRecordReaderTest {

    static final Schema ADDRESS = SchemaBuilder.struct().name("com.example.Address")
            .field("street", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
            .build();

    static final Schema SCHEMA = SchemaBuilder.struct().name("com.example.Everything")
            .field("int8", Schema.INT8_SCHEMA)
            .field("int16", Schema.INT16_SCHEMA)
            .field("int32", Schema.INT32_SCHEMA)
            .field("int64", Schema.INT64_SCHEMA)
            .field("float32", Schema.FLOAT32_SCHEMA)
            .field("float64", Schema.FLOAT64_SCHEMA)
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field("text", Schema.OPTIONAL_STRING_SCHEMA)
            .field("blob", Schema.BYTES_SCHEMA)
            .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").build())
            .field("day", Date.SCHEMA)
            .field("clock", Time.SCHEMA)
            .field("at", Timestamp.SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
            .field("address", ADDRESS)
            .build();

    static Struct sample(int i) {
        return new Struct(SCHEMA)
                .put("int8", (byte) i).put("int16", (short) (i * 2)).put("int32", i * 3).put("int64", i * 4L)
                .put("float32", i + 0.5f).put("float64", i + 0.25).put("flag", i % 2 == 0)
                .put("text", i % 3 == 0 ? null : "t" + i).put("blob", new byte[] {(byte) i, 2})
                .put("price", new BigDecimal("-12.34").add(BigDecimal.valueOf(i)))
                .put("day", new java.util.Date(19_000L * 86_400_000L))
                .put("clock", new java.util.Date(3_723_004L))
                .put("at", new java.util.Date(1_700_000_000_123L + i))
                .put("tags", List.of("a", "b" + i)).put("counts", Map.of("k", (long) i))
                .put("address", new Struct(ADDRESS).put("street", "Main " + i).put("zip", i % 2 == 0 ? null : 1000 + i));
    }

    @ParameterizedTest
    @EnumSource(DecimalEncoding.class)
    void readsBackWhatTheSuiteWritesWithTheSameSchemaAndValues(DecimalEncoding decimals) throws IOException {
        AvroRecordMapping mapping = AvroRecordMapping.of(SCHEMA, decimals);
        byte[] file = container(mapping.avroSchema(), List.of(mapping.toAvro(sample(1)), mapping.toAvro(sample(2))));
        try (RecordReader reader = new AvroRecordReaderFormat().open(new ByteArrayInputStream(file))) {
            SchemaAndValue first = reader.next().orElseThrow();
            assertThat(first.schema()).isEqualTo(SCHEMA);
            assertThat(first.value()).isEqualTo(sample(1));
            assertThat(reader.next().orElseThrow().value()).isEqualTo(sample(2));
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void roundsMicrosecondTimestampsDownToMilliseconds() throws IOException {
        org.apache.avro.Schema micros = LogicalTypes.timestampMicros()
                .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG));
        org.apache.avro.Schema schema = org.apache.avro.SchemaBuilder.record("Event").fields()
                .name("at").type(micros).noDefault().endRecord();
        GenericRecord record = new GenericData.Record(schema);
        record.put("at", 1_700_000_000_123_999L);
        try (RecordReader reader = new AvroRecordReaderFormat().open(new ByteArrayInputStream(container(schema, List.of(record))))) {
            Struct value = (Struct) reader.next().orElseThrow().value();
            assertThat(value.schema().field("at").schema()).isEqualTo(Timestamp.SCHEMA);
            assertThat(((java.util.Date) value.get("at")).getTime()).isEqualTo(1_700_000_000_123L);
        }
    }

    @Test
    void resumesAtARecordIndexAndReportsATruncatedFile() throws IOException {
        AvroRecordMapping mapping = AvroRecordMapping.of(SCHEMA, DecimalEncoding.BYTES);
        List<GenericRecord> records = java.util.stream.IntStream.range(0, 50).mapToObj(i -> mapping.toAvro(sample(i))).toList();
        byte[] file = container(mapping.avroSchema(), records);
        try (RecordReader reader = new AvroRecordReaderFormat().open(new ByteArrayInputStream(file))) {
            reader.skipTo(42);
            assertThat(reader.next().orElseThrow().value()).isEqualTo(sample(42));
        }
        byte[] truncated = Arrays.copyOf(file, file.length - 40);
        try (RecordReader reader = new AvroRecordReaderFormat().open(new ByteArrayInputStream(truncated))) {
            assertThatThrownBy(() -> {
                while (reader.next().isPresent()) {
                    // read until the damage
                }
            }).isInstanceOfSatisfying(RecordReaderException.class, e -> assertThat(e.canContinue()).isFalse());
        }
    }

    private static byte[] container(org.apache.avro.Schema schema, List<GenericRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema, new GenericData()))) {
            writer.create(schema, out);
            for (GenericRecord record : records) {
                writer.append(record);
            }
        }
        return out.toByteArray();
    }
}
