package io.fsconnect.storage.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.storage.format.DecimalEncoding;
import io.fsconnect.storage.format.RecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetRoundTripTest {

    private static final Schema ADDRESS = SchemaBuilder.struct().name("com.example.Address")
            .field("street", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
            .build();

    private static final Schema PRICE = Decimal.builder(2).parameter("connect.decimal.precision", "10").build();

    private static final Schema SCHEMA = SchemaBuilder.struct().name("com.example.Everything")
            .field("int8", Schema.INT8_SCHEMA)
            .field("int16", Schema.INT16_SCHEMA)
            .field("int32", Schema.INT32_SCHEMA)
            .field("int64", Schema.INT64_SCHEMA)
            .field("float32", Schema.FLOAT32_SCHEMA)
            .field("float64", Schema.FLOAT64_SCHEMA)
            .field("boolean", Schema.BOOLEAN_SCHEMA)
            .field("string", Schema.STRING_SCHEMA)
            .field("bytes", Schema.BYTES_SCHEMA)
            .field("optional_string", Schema.OPTIONAL_STRING_SCHEMA)
            .field("price", PRICE)
            .field("wide_decimal", Decimal.builder(4).optional().build())
            .field("date", Date.SCHEMA)
            .field("time", Time.SCHEMA)
            .field("timestamp", Timestamp.SCHEMA)
            .field("optional_timestamp", Timestamp.builder().optional().build())
            .field("address", ADDRESS)
            .field("previous_address", SchemaBuilder.struct().optional()
                    .field("street", Schema.STRING_SCHEMA).build())
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
            .field("prices", SchemaBuilder.array(PRICE).optional().build())
            .field("scores", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA).build())
            .field("addresses_by_kind", SchemaBuilder.map(Schema.STRING_SCHEMA, ADDRESS).optional().build())
            .build();

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(ParquetCodec.class)
    void everyTypeReadsBackAsWritten(ParquetCodec codec) throws IOException {
        List<Struct> written = List.of(fullRecord(), sparseRecord(), negativeRecord());

        Path file = write(new ParquetFormat(codec), written);
        List<GenericRecord> read = read(file);

        assertThat(read).hasSize(written.size());
        for (int i = 0; i < written.size(); i++) {
            assertSameRecord(written.get(i), read.get(i));
        }
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            assertThat(reader.getRowGroups().get(0).getColumns().get(0).getCodec())
                    .isEqualTo(codec.parquetName());
        }
    }

    @Test
    void aValueWhoseStructSchemaIsOptionalIsWritten() throws IOException {
        // JsonConverter gives a value this schema when the envelope's schema says "optional": true.
        org.apache.kafka.connect.data.Schema optionalValue = org.apache.kafka.connect.data.SchemaBuilder.struct()
                .name("row").optional()
                .field("id", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
                .field("name", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Struct row = new Struct(optionalValue).put("id", 7L).put("name", "seven");
        Path file = directory.resolve("optional.parquet");
        try (OutputStream out = Files.newOutputStream(file);
             RecordWriter writer = new ParquetFormat(ParquetCodec.SNAPPY, DecimalEncoding.BYTES)
                     .open(out, Optional.of(optionalValue))) {
            writer.write(row);
            writer.commit();
        }

        List<GenericRecord> read = read(file);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).get("id")).isEqualTo(7L);
        assertThat(read.get(0).get("name")).hasToString("seven");
    }

    @Test
    void decimalsCanBeWrittenAsFixed() throws IOException {
        List<Struct> written = List.of(fullRecord(), negativeRecord());

        Path file = write(new ParquetFormat(ParquetCodec.SNAPPY, DecimalEncoding.FIXED), written);
        List<GenericRecord> read = read(file);

        org.apache.avro.Schema price = read.get(0).getSchema().getField("price").schema();
        assertThat(price.getType()).isEqualTo(org.apache.avro.Schema.Type.FIXED);
        assertThat(price.getLogicalType()).isEqualTo(LogicalTypes.decimal(10, 2));
        for (int i = 0; i < written.size(); i++) {
            assertSameRecord(written.get(i), read.get(i));
        }
    }

    @Test
    void logicalTypesAreKeptInTheFileSchema() throws IOException {
        Path file = write(new ParquetFormat(ParquetCodec.SNAPPY), List.of(fullRecord()));
        org.apache.avro.Schema schema = read(file).get(0).getSchema();

        assertThat(schema.getFullName()).isEqualTo("com.example.Everything");
        assertThat(schema.getField("price").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(10, 2));
        assertThat(schema.getField("date").schema().getLogicalType()).isEqualTo(LogicalTypes.date());
        assertThat(schema.getField("time").schema().getLogicalType()).isEqualTo(LogicalTypes.timeMillis());
        assertThat(schema.getField("timestamp").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
        assertThat(schema.getField("optional_string").schema().isNullable()).isTrue();
        assertThat(schema.getField("string").schema().isNullable()).isFalse();
    }

    @Test
    void decimalWiderThanItsPrecisionIsRefusedWithTheFieldName() throws IOException {
        Struct value = fullRecord().put("price", new BigDecimal("123456789.00"));

        try (RecordWriter writer = new ParquetFormat(ParquetCodec.NONE).open(OutputStream.nullOutputStream(), Optional.of(SCHEMA))) {
            assertThatThrownBy(() -> writer.write(value)).isInstanceOf(DataException.class)
                    .hasMessageContaining("Cannot write decimal 123456789.00 in field 'price'")
                    .hasMessageContaining("precision 10");
        }
    }

    @Test
    void invalidAvroFieldNamesAreRefusedWithTheFieldName() {
        Schema schema = SchemaBuilder.struct().field("user-id", Schema.STRING_SCHEMA).build();

        assertThatThrownBy(() -> new ParquetFormat(ParquetCodec.NONE).open(OutputStream.nullOutputStream(), Optional.of(schema)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("Cannot map field 'user-id' to Avro");
    }

    @Test
    void writerClosedWithoutCommitWritesNoFooter() throws IOException {
        Path file = directory.resolve("abandoned.parquet");
        try (OutputStream out = Files.newOutputStream(file)) {
            RecordWriter writer = new ParquetFormat(ParquetCodec.SNAPPY).open(out, Optional.of(SCHEMA));
            writer.write(fullRecord());
            assertThat(writer.bytesWritten()).isPositive();
            writer.close();
        }
        assertThatThrownBy(() -> read(file)).isInstanceOf(RuntimeException.class);
    }

    private static Struct fullRecord() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("a", 1.5);
        scores.put("b", -2.25);
        Map<String, Struct> byKind = new LinkedHashMap<>();
        byKind.put("home", address("Main St 1", 12345));
        byKind.put("work", address("Dock 7", null));
        return new Struct(SCHEMA)
                .put("int8", (byte) 8)
                .put("int16", (short) 1600)
                .put("int32", 320_000)
                .put("int64", 64_000_000_000L)
                .put("float32", 3.25f)
                .put("float64", 6.125)
                .put("boolean", true)
                .put("string", "grüße")
                .put("bytes", new byte[] {0, 1, 2, (byte) 255})
                .put("optional_string", "present")
                .put("price", new BigDecimal("12345678.90"))
                .put("wide_decimal", new BigDecimal("123456789012345678901234567890.1234"))
                .put("date", new java.util.Date(LocalDate.of(2024, 2, 29).toEpochDay() * 86_400_000L))
                .put("time", new java.util.Date(LocalTime.of(13, 14, 15, 16_000_000).toNanoOfDay() / 1_000_000))
                .put("timestamp", new java.util.Date(Instant.parse("2024-02-29T13:14:15.016Z").toEpochMilli()))
                .put("optional_timestamp", new java.util.Date(0))
                .put("address", address("Main St 1", 12345))
                .put("previous_address", new Struct(SCHEMA.field("previous_address").schema()).put("street", "Old"))
                .put("tags", Arrays.asList("x", null, "z"))
                .put("prices", List.of(new BigDecimal("0.01"), new BigDecimal("-0.01")))
                .put("scores", scores)
                .put("addresses_by_kind", byKind);
    }

    private static Struct sparseRecord() {
        return new Struct(SCHEMA)
                .put("int8", (byte) 0)
                .put("int16", (short) 0)
                .put("int32", 0)
                .put("int64", 0L)
                .put("float32", 0f)
                .put("float64", 0d)
                .put("boolean", false)
                .put("string", "")
                .put("bytes", new byte[0])
                .put("price", new BigDecimal("0.00"))
                .put("date", new java.util.Date(0))
                .put("time", new java.util.Date(0))
                .put("timestamp", new java.util.Date(0))
                .put("address", address("", null))
                .put("tags", List.of())
                .put("scores", Map.of());
    }

    private static Struct negativeRecord() {
        return sparseRecord()
                .put("int8", Byte.MIN_VALUE)
                .put("int16", Short.MIN_VALUE)
                .put("int32", Integer.MIN_VALUE)
                .put("int64", Long.MIN_VALUE)
                .put("float32", -Float.MAX_VALUE)
                .put("float64", Double.NEGATIVE_INFINITY)
                .put("price", new BigDecimal("-99999999.99"))
                .put("wide_decimal", new BigDecimal("-1.0000"))
                .put("date", new java.util.Date(LocalDate.of(1969, 7, 20).toEpochDay() * 86_400_000L))
                .put("timestamp", new java.util.Date(Instant.parse("1969-07-20T20:17:40Z").toEpochMilli()));
    }

    private static Struct address(String street, Integer zip) {
        return new Struct(ADDRESS).put("street", street).put("zip", zip);
    }

    private Path write(ParquetFormat format, List<Struct> values) throws IOException {
        Path file = directory.resolve("out" + format.extension());
        try (OutputStream out = Files.newOutputStream(file); RecordWriter writer = format.open(out, Optional.of(SCHEMA))) {
            for (Struct value : values) {
                writer.write(value);
            }
            writer.commit();
        }
        return file;
    }

    private static List<GenericRecord> read(Path file) throws IOException {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        List<GenericRecord> records = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                .withDataModel(model).build()) {
            for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
                records.add(record);
            }
        }
        return records;
    }

    /** Compares field by field, in the types a reader of the file gets back. */
    private static void assertSameRecord(Struct expected, GenericRecord actual) {
        for (org.apache.kafka.connect.data.Field field : expected.schema().fields()) {
            Object want = expected.get(field);
            Object got = actual.get(field.name());
            assertThat(normalize(got)).as(field.name()).isEqualTo(expectedReadBack(field.schema(), want));
        }
    }

    private static Object expectedReadBack(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (schema.name() != null) {
            switch (schema.name()) {
                case Date.LOGICAL_NAME:
                    return LocalDate.ofEpochDay(Math.floorDiv(((java.util.Date) value).getTime(), 86_400_000L));
                case Time.LOGICAL_NAME:
                    return LocalTime.ofNanoOfDay(((java.util.Date) value).getTime() * 1_000_000L);
                case Timestamp.LOGICAL_NAME:
                    return Instant.ofEpochMilli(((java.util.Date) value).getTime());
                case Decimal.LOGICAL_NAME:
                    return value;
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case INT8:
                return ((Byte) value).intValue();
            case INT16:
                return ((Short) value).intValue();
            case BYTES:
                return ByteBuffer.wrap((byte[]) value);
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                for (Object element : (List<?>) value) {
                    out.add(expectedReadBack(schema.valueSchema(), element));
                }
                return out;
            }
            case MAP: {
                Map<String, Object> out = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> out.put((String) k, expectedReadBack(schema.valueSchema(), v)));
                return out;
            }
            case STRUCT: {
                Map<String, Object> out = new LinkedHashMap<>();
                Struct struct = (Struct) value;
                for (org.apache.kafka.connect.data.Field field : schema.fields()) {
                    out.put(field.name(), expectedReadBack(field.schema(), struct.get(field)));
                }
                return out;
            }
            default:
                return value;
        }
    }

    /** Utf8 to String, records to maps, so that the comparison shows which field differs. */
    private static Object normalize(Object value) {
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof GenericRecord record) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (org.apache.avro.Schema.Field field : record.getSchema().getFields()) {
                out.put(field.name(), normalize(record.get(field.name())));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(element -> out.add(normalize(element)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k.toString(), normalize(v)));
            return out;
        }
        return value;
    }
}
