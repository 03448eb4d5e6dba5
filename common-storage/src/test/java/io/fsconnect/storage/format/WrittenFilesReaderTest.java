package io.fsconnect.storage.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.storage.format.avro.AvroCodec;
import io.fsconnect.storage.format.avro.AvroFormat;
import io.fsconnect.storage.format.avro.AvroRecordReaderFormat;
import io.fsconnect.storage.format.parquet.ParquetCodec;
import io.fsconnect.storage.format.parquet.ParquetFormat;
import io.fsconnect.storage.format.parquet.ParquetRecordReaderFormat;
import io.fsconnect.storage.format.text.CsvFormat;
import io.fsconnect.storage.format.text.CsvRecordReaderFormat;
import io.fsconnect.storage.format.text.JsonLinesFormat;
import io.fsconnect.storage.format.text.JsonLinesRecordReaderFormat;
import io.fsconnect.storage.format.text.TextCompression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the suite's writers put in a file, its readers give back: the same columns, types and values. */
class WrittenFilesReaderTest {

    /** Flat and all optional: the shape text formats declare with input.columns. */
    private static final Schema ROW = SchemaBuilder.struct()
            .field("id", Schema.OPTIONAL_INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "16").optional().build())
            .field("day", Date.builder().optional().build())
            .field("clock", Time.builder().optional().build())
            .field("at", Timestamp.builder().optional().build())
            .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
            .build();

    @TempDir
    Path dir;

    private static List<Struct> rows() {
        List<Struct> rows = new ArrayList<>();
        rows.add(new Struct(ROW).put("id", 1L).put("name", "Smith, \"Ann\"\nsecond line").put("flag", true)
                .put("score", 0.1).put("price", new BigDecimal("12345678901234.50"))
                .put("day", new java.util.Date(19_782L * 86_400_000L)).put("clock", new java.util.Date(47_655_016L))
                .put("at", new java.util.Date(1_709_212_455_016L)).put("blob", new byte[] {0, 1, -1}));
        rows.add(new Struct(ROW).put("id", 2L).put("name", ""));
        rows.add(new Struct(ROW));
        return rows;
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(new ParquetFormat(ParquetCodec.ZSTD), new ParquetRecordReaderFormat()),
                Arguments.of(new AvroFormat(AvroCodec.SNAPPY), new AvroRecordReaderFormat()),
                Arguments.of(new JsonLinesFormat(TextCompression.GZIP), new JsonLinesRecordReaderFormat(Optional.of(ROW))),
                Arguments.of(CsvFormat.csv(TextCompression.NONE), new CsvRecordReaderFormat(',', '"', true, Optional.of(ROW))),
                Arguments.of(CsvFormat.tsv(TextCompression.GZIP), new CsvRecordReaderFormat('\t', '"', true, Optional.of(ROW))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void readsBackWhatTheWriterWrote(RecordFormat writerFormat, RecordReaderFormat readerFormat) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordWriter writer = writerFormat.open(bytes, Optional.of(ROW))) {
            for (Struct row : rows()) {
                writer.write(row);
            }
            writer.commit();
        }
        List<Object> read = new ArrayList<>();
        try (RecordReader reader = open(readerFormat, bytes.toByteArray())) {
            for (Optional<SchemaAndValue> next = reader.next(); next.isPresent(); next = reader.next()) {
                assertThat(next.get().schema()).isEqualTo(ROW);
                read.add(next.get().value());
            }
        }
        assertThat(read).isEqualTo(rows());
    }

    private RecordReader open(RecordReaderFormat format, byte[] content) throws IOException {
        if (!format.needsSeekableInput()) {
            return format.open(new ByteArrayInputStream(content));
        }
        Path file = Files.write(dir.resolve("file"), content);
        return format.open(FileChannel.open(file, StandardOpenOption.READ));
    }
}
