package io.fsconnect.storage.format;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/** Values of every Connect type, logical types and edge values included, that every format must keep. */
public final class SampleRecords {

    public static final Schema ADDRESS = SchemaBuilder.struct().name("com.example.Address")
            .field("street", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
            .build();

    public static final Schema PRICE = Decimal.builder(2).parameter("connect.decimal.precision", "10").build();

    public static final Schema SCHEMA = SchemaBuilder.struct().name("com.example.Everything")
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
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
            .field("prices", SchemaBuilder.array(PRICE).optional().build())
            .field("scores", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA).build())
            .build();

    private SampleRecords() {
    }

    /** Three values: every field set, optional fields null with empty collections, and extreme values. */
    public static List<Struct> all() {
        return List.of(full(), sparse(), negative());
    }

    public static Struct full() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("a", 1.5);
        scores.put("b", -2.25);
        return new Struct(SCHEMA)
                .put("int8", (byte) 8)
                .put("int16", (short) 1600)
                .put("int32", 320_000)
                .put("int64", 64_000_000_000L)
                .put("float32", 3.1f)
                .put("float64", 6.125)
                .put("boolean", true)
                .put("string", "grüße, \"quoted\"\nand a second line")
                .put("bytes", new byte[] {0, 1, 2, (byte) 255})
                .put("optional_string", "present")
                .put("price", new BigDecimal("12345678.90"))
                .put("wide_decimal", new BigDecimal("123456789012345678901234567890.1234"))
                .put("date", new java.util.Date(LocalDate.of(2024, 2, 29).toEpochDay() * 86_400_000L))
                .put("time", new java.util.Date(LocalTime.of(13, 14, 15, 16_000_000).toNanoOfDay() / 1_000_000))
                .put("timestamp", new java.util.Date(Instant.parse("2024-02-29T13:14:15.016Z").toEpochMilli()))
                .put("optional_timestamp", new java.util.Date(0))
                .put("address", new Struct(ADDRESS).put("street", "Main St 1").put("zip", 12345))
                .put("tags", Arrays.asList("x", null, "z"))
                .put("prices", List.of(new BigDecimal("0.01"), new BigDecimal("-0.01")))
                .put("scores", scores);
    }

    public static Struct sparse() {
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
                .put("address", new Struct(ADDRESS).put("street", ""))
                .put("tags", List.of())
                .put("scores", Map.of());
    }

    public static Struct negative() {
        return sparse()
                .put("int8", Byte.MIN_VALUE)
                .put("int16", Short.MIN_VALUE)
                .put("int32", Integer.MIN_VALUE)
                .put("int64", Long.MIN_VALUE)
                .put("float32", -Float.MAX_VALUE)
                .put("float64", -1.0e-300)
                .put("price", new BigDecimal("-99999999.99"))
                .put("wide_decimal", new BigDecimal("-1.0000"))
                .put("date", new java.util.Date(LocalDate.of(1969, 7, 20).toEpochDay() * 86_400_000L))
                .put("timestamp", new java.util.Date(Instant.parse("1969-07-20T20:17:40Z").toEpochMilli()));
    }

    /** The day a Connect {@code Date} value stands for. */
    public static LocalDate day(Object date) {
        return LocalDate.ofEpochDay(Math.floorDiv(((java.util.Date) date).getTime(), 86_400_000L));
    }

    /** The time of day a Connect {@code Time} value stands for. */
    public static LocalTime timeOfDay(Object time) {
        return LocalTime.ofNanoOfDay(((java.util.Date) time).getTime() * 1_000_000L);
    }

    /** The instant a Connect {@code Timestamp} value stands for. */
    public static Instant instant(Object timestamp) {
        return ((java.util.Date) timestamp).toInstant();
    }
}
