package io.fsconnect.storage.format.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.storage.format.RecordWriter;
import io.fsconnect.storage.format.SampleRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.data.TimeConversions;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AvroRoundTripTest {

    @ParameterizedTest
    @EnumSource(AvroCodec.class)
    void everyTypeReadsBackWithAvrosOwnReader(AvroCodec codec) throws IOException {
        List<Struct> written = SampleRecords.all();

        byte[] file = write(new AvroFormat(codec), written);

        try (DataFileReader<GenericRecord> reader = reader(file)) {
            assertThat(reader.getMetaString("avro.codec")).isEqualTo(codec.avroName());
            List<GenericRecord> read = new ArrayList<>();
            reader.forEach(read::add);
            assertThat(read).hasSize(written.size());
            for (int i = 0; i < written.size(); i++) {
                assertSameRecord(written.get(i), read.get(i));
            }
        }
    }

    @Test
    void theFileCarriesLogicalTypesAndTheConnectSchemaName() throws IOException {
        byte[] file = write(new AvroFormat(AvroCodec.DEFLATE), List.of(SampleRecords.full()));

        try (DataFileReader<GenericRecord> reader = reader(file)) {
            org.apache.avro.Schema schema = reader.getSchema();
            assertThat(schema.getFullName()).isEqualTo("com.example.Everything");
            assertThat(schema.getField("price").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(10, 2));
            assertThat(schema.getField("date").schema().getLogicalType()).isEqualTo(LogicalTypes.date());
            assertThat(schema.getField("time").schema().getLogicalType()).isEqualTo(LogicalTypes.timeMillis());
            assertThat(schema.getField("timestamp").schema().getLogicalType())
                    .isEqualTo(LogicalTypes.timestampMillis());
        }
    }

    @Test
    void manyRecordsSpanSeveralBlocksAndAllReadBack() throws IOException {
        List<Struct> written = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            written.add(SampleRecords.full().put("int32", i));
        }

        byte[] file = write(new AvroFormat(AvroCodec.SNAPPY), written);

        try (DataFileStream<GenericRecord> stream = new DataFileStream<>(new java.io.ByteArrayInputStream(file),
                new GenericDatumReader<>())) {
            int expected = 0;
            for (GenericRecord record : stream) {
                assertThat(record.get("int32")).isEqualTo(expected++);
            }
            assertThat(expected).isEqualTo(5_000);
        }
    }

    @Test
    void schemalessValuesAreRefusedSayingWhatToSet() {
        assertThatThrownBy(() -> new AvroFormat(AvroCodec.NULL).open(new ByteArrayOutputStream(), Optional.empty()))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("Cannot write a schemaless value as Avro")
                .hasMessageContaining("schemas.enable=true");
    }

    @Test
    void aValueThatCannotBeRepresentedNamesTheFieldAndLeavesTheFileUsable() throws IOException {
        Schema schema = SchemaBuilder.struct().field("price", SampleRecords.PRICE).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter writer = new AvroFormat(AvroCodec.NULL).open(out, Optional.of(schema))) {
            assertThatThrownBy(() -> writer.write(new Struct(schema).put("price", new BigDecimal("123456789.00"))))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("field 'price'");
            writer.write(new Struct(schema).put("price", new BigDecimal("1.00")));
            writer.commit();
        }
        try (DataFileReader<GenericRecord> reader = reader(out.toByteArray())) {
            assertThat(reader.next().get("price")).isEqualTo(new BigDecimal("1.00"));
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void aWriterClosedWithoutCommitAddsNothingAfterTheHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordWriter writer = new AvroFormat(AvroCodec.NULL).open(out, Optional.of(SampleRecords.SCHEMA));
        int header = out.size();
        writer.write(SampleRecords.full());
        writer.close();

        assertThat(out.size()).isEqualTo(header);
    }

    private static byte[] write(AvroFormat format, List<Struct> values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter writer = format.open(out, Optional.of(SampleRecords.SCHEMA))) {
            for (Struct value : values) {
                writer.write(value);
            }
            writer.commit();
            assertThat(writer.bytesWritten()).isEqualTo(out.size());
        }
        return out.toByteArray();
    }

    private static DataFileReader<GenericRecord> reader(byte[] file) throws IOException {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        return new DataFileReader<>(new SeekableByteArrayInput(file), new GenericDatumReader<>(null, null, model));
    }

    private static void assertSameRecord(Struct expected, GenericRecord actual) {
        assertThat(actual.get("int8")).isEqualTo(expected.getInt8("int8").intValue());
        assertThat(actual.get("int16")).isEqualTo(expected.getInt16("int16").intValue());
        assertThat(actual.get("int32")).isEqualTo(expected.getInt32("int32"));
        assertThat(actual.get("int64")).isEqualTo(expected.getInt64("int64"));
        assertThat(actual.get("float32")).isEqualTo(expected.getFloat32("float32"));
        assertThat(actual.get("float64")).isEqualTo(expected.getFloat64("float64"));
        assertThat(actual.get("boolean")).isEqualTo(expected.getBoolean("boolean"));
        assertThat(actual.get("string").toString()).isEqualTo(expected.getString("string"));
        assertThat(actual.get("bytes")).isEqualTo(ByteBuffer.wrap(expected.getBytes("bytes")));
        assertThat(text(actual.get("optional_string"))).isEqualTo(expected.getString("optional_string"));
        assertThat(actual.get("price")).isEqualTo(expected.get("price"));
        assertThat(actual.get("wide_decimal")).isEqualTo(expected.get("wide_decimal"));
        assertThat(actual.get("date")).isEqualTo(SampleRecords.day(expected.get("date")));
        assertThat(actual.get("time")).isEqualTo(SampleRecords.timeOfDay(expected.get("time")));
        assertThat(actual.get("timestamp")).isEqualTo(SampleRecords.instant(expected.get("timestamp")));
        assertThat(actual.get("optional_timestamp")).isEqualTo(expected.get("optional_timestamp") == null ? null
                : SampleRecords.instant(expected.get("optional_timestamp")));
        GenericRecord address = (GenericRecord) actual.get("address");
        assertThat(address.get("street").toString()).isEqualTo(expected.getStruct("address").getString("street"));
        assertThat(address.get("zip")).isEqualTo(expected.getStruct("address").getInt32("zip"));
        List<String> tags = new ArrayList<>();
        ((List<?>) actual.get("tags")).forEach(tag -> tags.add(text(tag)));
        assertThat(tags).isEqualTo(expected.getArray("tags"));
        assertThat(actual.get("prices")).isEqualTo(expected.get("prices"));
        Map<String, Object> scores = new LinkedHashMap<>();
        ((Map<?, ?>) actual.get("scores")).forEach((k, v) -> scores.put(k.toString(), v));
        assertThat(scores).isEqualTo(expected.getMap("scores"));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
