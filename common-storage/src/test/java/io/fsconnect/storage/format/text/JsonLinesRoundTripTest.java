package io.fsconnect.storage.format.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.fsconnect.storage.format.RecordWriter;
import io.fsconnect.storage.format.SampleRecords;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JsonLinesRoundTripTest {

    private static final ObjectMapper JACKSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    @ParameterizedTest
    @EnumSource(TextCompression.class)
    void everyTypeReadsBackWithJackson(TextCompression compression) throws IOException {
        List<Struct> written = SampleRecords.all();

        List<JsonNode> read = read(write(new JsonLinesFormat(compression), Optional.of(SampleRecords.SCHEMA),
                new ArrayList<>(written)), compression);

        assertThat(read).hasSize(written.size());
        for (int i = 0; i < written.size(); i++) {
            assertSameRecord(written.get(i), read.get(i));
        }
    }

    @Test
    void schemalessMapsAndNullsAreWrittenOnePerLine() throws IOException {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", 7L);
        first.put("name", "ann");
        first.put("nested", Map.of("ok", true));
        first.put("list", List.of(1.5, "two"));
        List<Object> values = new ArrayList<>();
        values.add(first);
        values.add(null);
        values.add(Map.of("id", 8L));

        byte[] file = write(new JsonLinesFormat(TextCompression.NONE), Optional.empty(), values);

        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":7,\"name\":\"ann\",\"nested\":{\"ok\":true},\"list\":[1.5,\"two\"]}\nnull\n{\"id\":8}\n");
    }

    @Test
    void aValueThatCannotBeRenderedLeavesNoPartialLine() throws IOException {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("id", 1L);
        bad.put("thing", new Object());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter writer = new JsonLinesFormat(TextCompression.NONE).open(out, Optional.empty())) {
            assertThatThrownBy(() -> writer.write(bad)).isInstanceOf(DataException.class)
                    .hasMessageStartingWith("Cannot write field 'thing' as JSON");
            writer.write(Map.of("id", 2L));
            writer.commit();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":2}\n");
    }

    @Test
    void nonFiniteFloatsBecomeStringsThatJsonCanHold() throws IOException {
        Struct value = SampleRecords.sparse().put("float64", Double.NEGATIVE_INFINITY).put("float32", Float.NaN);

        JsonNode row = read(write(new JsonLinesFormat(TextCompression.NONE), Optional.of(SampleRecords.SCHEMA),
                List.of(value)), TextCompression.NONE).get(0);

        assertThat(row.get("float64").asText()).isEqualTo("-Infinity");
        assertThat(row.get("float32").asText()).isEqualTo("NaN");
    }

    @Test
    void aWriterClosedWithoutCommitLeavesNoCompleteGzipFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordWriter writer = new JsonLinesFormat(TextCompression.GZIP).open(out, Optional.empty());
        writer.write(Map.of("id", 1L));
        writer.close();

        assertThatThrownBy(() -> read(out.toByteArray(), TextCompression.GZIP)).isInstanceOf(IOException.class);
    }

    static byte[] write(io.fsconnect.storage.format.RecordFormat format, Optional<Schema> schema, List<?> values)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter writer = format.open(out, schema)) {
            for (Object value : values) {
                writer.write(value);
            }
            writer.commit();
        }
        return out.toByteArray();
    }

    private static List<JsonNode> read(byte[] file, TextCompression compression) throws IOException {
        InputStream in = new ByteArrayInputStream(file);
        if (compression == TextCompression.GZIP) {
            in = new GZIPInputStream(in);
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            rows.add(JACKSON.readTree(line));
        }
        return rows;
    }

    private static void assertSameRecord(Struct expected, JsonNode actual) {
        assertThat(actual.get("int8").intValue()).isEqualTo(expected.getInt8("int8").intValue());
        assertThat(actual.get("int16").intValue()).isEqualTo(expected.getInt16("int16").intValue());
        assertThat(actual.get("int32").intValue()).isEqualTo(expected.getInt32("int32"));
        assertThat(actual.get("int64").longValue()).isEqualTo(expected.getInt64("int64"));
        assertThat(actual.get("float32").floatValue()).isEqualTo(expected.getFloat32("float32"));
        assertThat(actual.get("float64").doubleValue()).isEqualTo(expected.getFloat64("float64"));
        assertThat(actual.get("boolean").booleanValue()).isEqualTo(expected.getBoolean("boolean"));
        assertThat(actual.get("string").textValue()).isEqualTo(expected.getString("string"));
        assertThat(Base64.getDecoder().decode(actual.get("bytes").textValue())).isEqualTo(expected.getBytes("bytes"));
        assertThat(actual.get("optional_string").textValue()).isEqualTo(expected.getString("optional_string"));
        // Decimals are exact numbers, scale included.
        assertThat(actual.get("price").decimalValue()).isEqualTo(expected.get("price"));
        assertThat(actual.get("wide_decimal").isNull() ? null : actual.get("wide_decimal").decimalValue())
                .isEqualTo(expected.get("wide_decimal"));
        assertThat(LocalDate.parse(actual.get("date").textValue())).isEqualTo(SampleRecords.day(expected.get("date")));
        assertThat(LocalTime.parse(actual.get("time").textValue()))
                .isEqualTo(SampleRecords.timeOfDay(expected.get("time")));
        assertThat(Instant.parse(actual.get("timestamp").textValue()))
                .isEqualTo(SampleRecords.instant(expected.get("timestamp")));
        assertThat(actual.get("optional_timestamp").isNull() ? null
                : Instant.parse(actual.get("optional_timestamp").textValue()))
                .isEqualTo(expected.get("optional_timestamp") == null ? null
                        : SampleRecords.instant(expected.get("optional_timestamp")));
        assertThat(actual.get("address").get("street").textValue())
                .isEqualTo(expected.getStruct("address").getString("street"));
        Integer zip = expected.getStruct("address").getInt32("zip");
        assertThat(actual.get("address").get("zip").isNull() ? null : actual.get("address").get("zip").intValue())
                .isEqualTo(zip);
        List<String> tags = new ArrayList<>();
        actual.get("tags").forEach(tag -> tags.add(tag.isNull() ? null : tag.textValue()));
        assertThat(tags).isEqualTo(expected.getArray("tags"));
        if (expected.get("prices") == null) {
            assertThat(actual.get("prices").isNull()).isTrue();
        } else {
            List<BigDecimal> prices = new ArrayList<>();
            actual.get("prices").forEach(price -> prices.add(price.decimalValue()));
            assertThat(prices).isEqualTo(expected.getArray("prices"));
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        actual.get("scores").fields().forEachRemaining(e -> scores.put(e.getKey(), e.getValue().doubleValue()));
        assertThat(scores).isEqualTo(expected.getMap("scores"));
    }
}
