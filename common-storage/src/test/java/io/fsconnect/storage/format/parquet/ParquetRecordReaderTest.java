package io.fsconnect.storage.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderException;
import io.fsconnect.storage.format.RecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRecordReaderTest {

    private static final Schema SCHEMA = SchemaBuilder.struct().name("com.example.Row")
            .field("id", Schema.INT64_SCHEMA)
            .field("small", Schema.INT16_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "12").build())
            .field("day", Date.SCHEMA)
            .field("at", Timestamp.SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
            .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA).build())
            .build();

    @TempDir
    Path dir;

    private static Struct row(int i) {
        return new Struct(SCHEMA).put("id", (long) i).put("small", (short) i).put("name", i % 4 == 0 ? null : "n" + i)
                .put("price", new BigDecimal(i + ".25")).put("day", new java.util.Date(20_000L * 86_400_000L))
                .put("at", new java.util.Date(1_700_000_000_000L + i)).put("tags", Arrays.asList("x", null))
                .put("attrs", Map.of("w", i * 1.5));
    }

    private Path write(int rows) throws IOException {
        Path file = dir.resolve("rows.parquet");
        try (OutputStream out = Files.newOutputStream(file);
                RecordWriter writer = new ParquetFormat(ParquetCodec.SNAPPY).open(out, java.util.Optional.of(SCHEMA))) {
            for (int i = 0; i < rows; i++) {
                writer.write(row(i));
            }
            writer.commit();
        }
        return file;
    }

    @Test
    void readsBackRowsWithTheirConnectSchema() throws IOException {
        Path file = write(3);
        try (RecordReader reader = new ParquetRecordReaderFormat().open(FileChannel.open(file, StandardOpenOption.READ))) {
            for (int i = 0; i < 3; i++) {
                SchemaAndValue next = reader.next().orElseThrow();
                assertThat(next.schema()).isEqualTo(SCHEMA);
                assertThat(next.value()).isEqualTo(row(i));
            }
            assertThat(reader.next()).isEmpty();
            assertThat(reader.position()).isEqualTo(3);
        }
    }

    @Test
    void resumesAtARecordIndex() throws IOException {
        Path file = write(1000);
        try (RecordReader reader = new ParquetRecordReaderFormat().open(FileChannel.open(file, StandardOpenOption.READ))) {
            reader.skipTo(777);
            assertThat(reader.next().orElseThrow().value()).isEqualTo(row(777));
        }
    }

    @Test
    void aTruncatedFileIsReportedAsUnreadable() throws IOException {
        Path file = write(100);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> new ParquetRecordReaderFormat().open(FileChannel.open(file, StandardOpenOption.READ)))
                .isInstanceOfSatisfying(RecordReaderException.class, e -> {
                    assertThat(e.position()).isZero();
                    assertThat(e.canContinue()).isFalse();
                    assertThat(e.getMessage()).contains("truncated");
                });
    }

    @Test
    void isReadOnlyFromASeekableInput() {
        assertThat(new ParquetRecordReaderFormat().needsSeekableInput()).isTrue();
        assertThat(List.of(new ParquetRecordReaderFormat().name())).containsExactly("parquet");
    }
}
