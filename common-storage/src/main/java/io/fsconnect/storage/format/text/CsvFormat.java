package io.fsconnect.storage.format.text;

import io.fsconnect.storage.format.GuardedOutputStream;
import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.RecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;

/**
 * CSV or TSV files with a header row, UTF-8, rows ending in {@code \n}, optionally gzip compressed as a
 * whole. Each row is one struct (its fields, in schema order, are the columns) or, without a schema,
 * one map (the header is the first map's keys, sorted; later maps may leave columns out but cannot add
 * one). Cells are quoted with {@code "} (doubled inside) when they hold the delimiter, a quote or a line
 * break, and an empty string is written as {@code ""} so that readers can tell it from a null, which is
 * an empty, unquoted cell. Logical types and bytes are rendered as in JSON ({@link JsonValueWriter}:
 * decimals in plain notation, ISO-8601 dates and times, base64 bytes); a nested struct, array or map
 * field becomes its JSON text in one cell.
 */
public final class CsvFormat implements RecordFormat {

    private final char delimiter;
    private final TextCompression compression;

    private CsvFormat(char delimiter, TextCompression compression) {
        this.delimiter = delimiter;
        this.compression = Objects.requireNonNull(compression, "compression");
    }

    /** Comma-separated values, extension {@code .csv}. */
    public static CsvFormat csv(TextCompression compression) {
        return new CsvFormat(',', compression);
    }

    /** Tab-separated values, extension {@code .tsv}. */
    public static CsvFormat tsv(TextCompression compression) {
        return new CsvFormat('\t', compression);
    }

    @Override
    public String extension() {
        return (delimiter == ',' ? ".csv" : ".tsv") + compression.extensionSuffix();
    }

    @Override
    public boolean requiresSchema() {
        return false;
    }

    @Override
    public RecordWriter open(OutputStream out, Optional<Schema> valueSchema) throws IOException {
        GuardedOutputStream guarded = new GuardedOutputStream(out);
        return new CsvRecordWriter(guarded, compression.wrap(guarded), delimiter, valueSchema);
    }

    @Override
    public String toString() {
        return (delimiter == ',' ? "csv(" : "tsv(") + compression.configName() + ")";
    }
}
