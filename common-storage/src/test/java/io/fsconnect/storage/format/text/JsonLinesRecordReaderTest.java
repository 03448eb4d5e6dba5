package io.fsconnect.storage.format.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class JsonLinesRecordReaderTest {

    @Test
    void readsSchemalessMapsFromZstdCompressedLines() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(compressed)) {
            out.write("{\"id\":1,\"tags\":[\"a\"],\"nested\":{\"x\":1.5}}\n\n{\"id\":2}\n".getBytes(StandardCharsets.UTF_8));
        }
        try (RecordReader reader = new JsonLinesRecordReaderFormat(Optional.empty())
                .open(new ByteArrayInputStream(compressed.toByteArray()))) {
            SchemaAndValue first = reader.next().orElseThrow();
            assertThat(first.schema()).isNull();
            assertThat(first.value()).isEqualTo(Map.of("id", 1L, "tags", List.of("a"), "nested", Map.of("x", 1.5)));
            assertThat(reader.next().orElseThrow().value()).isEqualTo(Map.of("id", 2L));
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void convertsDeclaredColumnsAndReportsBadLinesByPosition() throws IOException {
        Schema columns = SchemaBuilder.struct().field("id", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ok", Schema.OPTIONAL_BOOLEAN_SCHEMA).build();
        String lines = "{\"id\":\"7\",\"ok\":true,\"extra\":1}\n{not json\n[1]\n{\"id\":1.5}\n{\"ok\":false}\n";
        try (RecordReader reader = new JsonLinesRecordReaderFormat(Optional.of(columns))
                .open(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)))) {
            Struct first = (Struct) reader.next().orElseThrow().value();
            assertThat(first.getInt64("id")).isEqualTo(7L);
            assertThat(first.getBoolean("ok")).isTrue();
            for (long bad = 1; bad <= 3; bad++) {
                long expected = bad;
                assertThatThrownBy(reader::next).isInstanceOfSatisfying(RecordReaderException.class, e -> {
                    assertThat(e.position()).isEqualTo(expected);
                    assertThat(e.canContinue()).isTrue();
                });
            }
            Struct last = (Struct) reader.next().orElseThrow().value();
            assertThat(last.getInt64("id")).isNull();
            assertThat(last.getBoolean("ok")).isFalse();
        }
    }

    @Test
    void readsDecimalColumnsWithEveryDigit() throws IOException {
        Schema columns = SchemaBuilder.struct()
                .field("amount", org.apache.kafka.connect.data.Decimal.builder(20).optional().build()).build();
        String line = "{\"amount\":12345678901234567.12345678901234567890}\n";
        try (RecordReader reader = new JsonLinesRecordReaderFormat(Optional.of(columns))
                .open(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(((Struct) reader.next().orElseThrow().value()).get("amount"))
                    .isEqualTo(new java.math.BigDecimal("12345678901234567.12345678901234567890"));
        }
    }

    @Test
    void skipsToARecordIndex() throws IOException {
        try (RecordReader reader = new JsonLinesRecordReaderFormat(Optional.empty())
                .open(new ByteArrayInputStream("{\"i\":0}\n{\"i\":1}\n\n{\"i\":2}\n".getBytes(StandardCharsets.UTF_8)))) {
            reader.skipTo(2);
            assertThat(reader.next().orElseThrow().value()).isEqualTo(Map.of("i", 2L));
            assertThatThrownBy(() -> reader.skipTo(5)).isInstanceOf(RecordReaderException.class)
                    .hasMessageContaining("ends after 3");
        }
    }
}
