package io.fsconnect.storage.format.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fsconnect.storage.format.RecordWriter;
import io.fsconnect.storage.format.SampleRecords;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CsvRoundTripTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(TextCompression.class)
    void csvReadsBackWithCommonsCsvFieldByField(TextCompression compression) throws IOException {
        List<Struct> written = SampleRecords.all();

        byte[] file = JsonLinesRoundTripTest.write(CsvFormat.csv(compression), Optional.of(SampleRecords.SCHEMA),
                written);
        List<CSVRecord> rows = parse(file, compression, CSVFormat.DEFAULT);

        assertThat(rows).hasSize(written.size());
        for (int i = 0; i < written.size(); i++) {
            assertSameRecord(written.get(i), rows.get(i));
        }
    }

    @Test
    void tsvUsesTabsAndTheSameCells() throws IOException {
        CsvFormat tsv = CsvFormat.tsv(TextCompression.NONE);
        byte[] file = JsonLinesRoundTripTest.write(tsv, Optional.of(SampleRecords.SCHEMA), SampleRecords.all());

        assertThat(tsv.extension()).isEqualTo(".tsv");
        assertThat(new String(file, StandardCharsets.UTF_8)).startsWith("int8\tint16\tint32\t");
        List<CSVRecord> rows = parse(file, TextCompression.NONE, CSVFormat.TDF);
        for (int i = 0; i < rows.size(); i++) {
            assertSameRecord(SampleRecords.all().get(i), rows.get(i));
        }
    }

    @Test
    void schemalessMapsTakeTheirHeaderFromTheFirstMap() throws IOException {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("name", "ann");
        first.put("id", 7L);
        first.put("nested", Map.of("ok", true));

        byte[] file = JsonLinesRoundTripTest.write(CsvFormat.csv(TextCompression.NONE), Optional.empty(),
                List.of(first, Map.of("id", 8L)));

        assertThat(new String(file, StandardCharsets.UTF_8))
                .isEqualTo("id,name,nested\n7,ann,\"{\"\"ok\"\":true}\"\n8,,\n");
    }

    @Test
    void aMapWithAColumnTheHeaderLacksIsRefusedNamingIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordWriter writer = CsvFormat.csv(TextCompression.NONE).open(out, Optional.empty())) {
            writer.write(Map.of("id", 1L));
            assertThatThrownBy(() -> writer.write(Map.of("id", 2L, "extra", "x")))
                    .isInstanceOf(DataException.class)
                    .hasMessageStartingWith("Cannot write map key 'extra' as a CSV column");
            writer.commit();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("id\n1\n");
    }

    @Test
    void nonStructSchemasAreRefused() {
        assertThatThrownBy(() -> CsvFormat.csv(TextCompression.NONE).open(new ByteArrayOutputStream(),
                Optional.of(Schema.STRING_SCHEMA)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("HoistField");
    }

    private static List<CSVRecord> parse(byte[] file, TextCompression compression, CSVFormat format)
            throws IOException {
        InputStream in = new ByteArrayInputStream(file);
        if (compression == TextCompression.GZIP) {
            in = new GZIPInputStream(in);
        }
        // Strict quote mode makes the parser tell a quoted empty string from an empty (null) cell.
        CSVFormat withHeader = format.builder().setHeader().setSkipHeaderRecord(true).setNullString("")
                .setQuoteMode(QuoteMode.ALL_NON_NULL).get();
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), withHeader)) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(
                    SampleRecords.SCHEMA.fields().stream().map(org.apache.kafka.connect.data.Field::name).toList());
            return parser.getRecords();
        }
    }

    private static void assertSameRecord(Struct expected, CSVRecord actual) throws IOException {
        assertThat(Integer.parseInt(actual.get("int8"))).isEqualTo(expected.getInt8("int8").intValue());
        assertThat(Integer.parseInt(actual.get("int16"))).isEqualTo(expected.getInt16("int16").intValue());
        assertThat(Integer.parseInt(actual.get("int32"))).isEqualTo(expected.getInt32("int32"));
        assertThat(Long.parseLong(actual.get("int64"))).isEqualTo(expected.getInt64("int64"));
        assertThat(Float.parseFloat(actual.get("float32"))).isEqualTo(expected.getFloat32("float32"));
        assertThat(Double.parseDouble(actual.get("float64"))).isEqualTo(expected.getFloat64("float64"));
        assertThat(Boolean.parseBoolean(actual.get("boolean"))).isEqualTo(expected.getBoolean("boolean"));
        // An empty string is quoted, so the parser tells it from a null.
        assertThat(actual.get("string")).isEqualTo(expected.getString("string"));
        assertThat(Base64.getDecoder().decode(actual.get("bytes"))).isEqualTo(expected.getBytes("bytes"));
        assertThat(actual.get("optional_string")).isEqualTo(expected.getString("optional_string"));
        assertThat(new BigDecimal(actual.get("price"))).isEqualTo(expected.get("price"));
        assertThat(actual.get("wide_decimal") == null ? null : new BigDecimal(actual.get("wide_decimal")))
                .isEqualTo(expected.get("wide_decimal"));
        assertThat(LocalDate.parse(actual.get("date"))).isEqualTo(SampleRecords.day(expected.get("date")));
        assertThat(LocalTime.parse(actual.get("time"))).isEqualTo(SampleRecords.timeOfDay(expected.get("time")));
        assertThat(Instant.parse(actual.get("timestamp"))).isEqualTo(SampleRecords.instant(expected.get("timestamp")));
        assertThat(actual.get("optional_timestamp") == null ? null : Instant.parse(actual.get("optional_timestamp")))
                .isEqualTo(expected.get("optional_timestamp") == null ? null
                        : SampleRecords.instant(expected.get("optional_timestamp")));
        // Nested values are JSON text in one cell.
        JsonNode address = JACKSON.readTree(actual.get("address"));
        assertThat(address.get("street").textValue()).isEqualTo(expected.getStruct("address").getString("street"));
        JsonNode tags = JACKSON.readTree(actual.get("tags"));
        List<String> tagList = new ArrayList<>();
        tags.forEach(tag -> tagList.add(tag.isNull() ? null : tag.textValue()));
        assertThat(tagList).isEqualTo(expected.getArray("tags"));
        JsonNode scores = JACKSON.readTree(actual.get("scores"));
        assertThat(scores.size()).isEqualTo(expected.getMap("scores").size());
    }
}
