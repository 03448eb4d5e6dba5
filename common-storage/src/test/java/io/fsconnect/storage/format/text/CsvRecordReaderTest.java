package io.fsconnect.storage.format.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static final Schema TYPED = SchemaBuilder.struct()
            .field("id", Schema.OPTIONAL_INT64_SCHEMA)
            .field("price", Decimal.builder(2).optional().build())
            .field("at", Timestamp.builder().optional().build())
            .build();

    @Test
    void readsHeaderNamedStringColumnsWithRfc4180Quoting() throws IOException {
        String csv = "id,name,note\r\n1,\"Smith, Ann\",\"said \"\"hi\"\"\"\n2,Bob,\"two\nlines\"\n\n3,,\"\"\n";
        List<Struct> rows = readAll(format(',', Optional.empty()), bytes(csv));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getString("name")).isEqualTo("Smith, Ann");
        assertThat(rows.get(0).getString("note")).isEqualTo("said \"hi\"");
        assertThat(rows.get(1).getString("note")).isEqualTo("two\nlines");
        assertThat(rows.get(2).getString("name")).as("unquoted empty field").isNull();
        assertThat(rows.get(2).getString("note")).as("quoted empty field").isEmpty();
    }

    @Test
    void parsesDeclaredColumnsByHeaderNameFromGzippedTsv() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bytes("at\tignored\tid\tprice\n2024-05-01T10:00:00Z\tx\t7\t12.50\n"));
        }
        List<Struct> rows = readAll(format('\t', Optional.of(TYPED)), gz.toByteArray());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getInt64("id")).isEqualTo(7L);
        assertThat(rows.get(0).get("price")).isEqualTo(new BigDecimal("12.50"));
        assertThat(((java.util.Date) rows.get(0).get("at")).toInstant()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void reportsMalformedRowsByPositionAndReadsOn() throws IOException {
        String csv = "id,price,at\n1,1.00,0\n2,1.00\nthree,1.00,0\n4,\"1.00\"x,0\n5,2.00,0\n";
        try (RecordReader reader = format(',', Optional.of(TYPED)).open(new ByteArrayInputStream(bytes(csv)))) {
            assertThat(reader.next()).isPresent();
            for (long bad = 1; bad <= 3; bad++) {
                long expected = bad;
                assertThatThrownBy(reader::next).isInstanceOfSatisfying(RecordReaderException.class, e -> {
                    assertThat(e.position()).isEqualTo(expected);
                    assertThat(e.canContinue()).isTrue();
                });
            }
            assertThat(((Struct) reader.next().orElseThrow().value()).getInt64("id")).isEqualTo(5L);
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void aQuoteLeftOpenEndsTheReadableInput() throws IOException {
        try (RecordReader reader = format(',', Optional.empty()).open(new ByteArrayInputStream(bytes("a,b\n1,2\n3,\"tru")))) {
            assertThat(reader.next()).isPresent();
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(RecordReaderException.class, e -> {
                assertThat(e.position()).isEqualTo(1);
                assertThat(e.canContinue()).isFalse();
            });
        }
    }

    @Test
    void skipsToARecordIndexCountingMalformedRows() throws IOException {
        String csv = "id,price,at\n0,1,0\nbad\n2,1,0\n3,1,0\n";
        try (RecordReader reader = format(',', Optional.of(TYPED)).open(new ByteArrayInputStream(bytes(csv)))) {
            reader.skipTo(2);
            assertThat(((Struct) reader.next().orElseThrow().value()).getInt64("id")).isEqualTo(2L);
            assertThat(reader.position()).isEqualTo(3);
        }
    }

    @Test
    void withoutHeaderDeclaredColumnsNameTheFieldsInOrder() throws IOException {
        CsvRecordReaderFormat format = new CsvRecordReaderFormat(',', '"', false, Optional.of(TYPED));
        List<Struct> rows = readAll(format, bytes("1,2.00,5\n"));
        assertThat(rows.get(0).getInt64("id")).isEqualTo(1L);
        assertThat(((java.util.Date) rows.get(0).get("at")).getTime()).isEqualTo(5L);
    }

    @Test
    void readsTimestampsAsIsoTextLocalTimeInUtcOrEpochMillis() throws IOException {
        String csv = "id,price,at\n1,,2024-05-01T10:00:00+02:00\n2,,2024-05-01 08:00:00\n3,,1714550400000\n";
        List<Struct> rows = readAll(format(',', Optional.of(TYPED)), bytes(csv));
        assertThat(rows).extracting(row -> ((java.util.Date) row.get("at")).toInstant()).containsExactly(
                Instant.parse("2024-05-01T08:00:00Z"), Instant.parse("2024-05-01T08:00:00Z"),
                Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(rows.get(0).get("price")).as("empty cell").isNull();
    }

    private static CsvRecordReaderFormat format(char delimiter, Optional<Schema> columns) {
        return new CsvRecordReaderFormat(delimiter, '"', true, columns);
    }

    static List<Struct> readAll(CsvRecordReaderFormat format, byte[] content) throws IOException {
        List<Struct> rows = new ArrayList<>();
        try (RecordReader reader = format.open(new ByteArrayInputStream(content))) {
            for (Optional<SchemaAndValue> next = reader.next(); next.isPresent(); next = reader.next()) {
                rows.add((Struct) next.get().value());
            }
        }
        return rows;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
