package io.fsconnect.storage.format.text;

import io.fsconnect.storage.format.CompressedReaderInput;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;

/**
 * Reads delimited text files (CSV, TSV) as Connect structs, one row per record, after undoing gzip or
 * zstd compression if the file starts with their magic bytes. Fields follow RFC 4180: a field may be
 * quoted, a quote inside a quoted field is doubled, and quoted fields may span lines. An unquoted empty
 * field is null; a quoted empty field is the empty string. The first row names the columns when
 * {@code header} is set. Without declared columns every column is an optional string named by the
 * header; with them, each named column is parsed as its declared type and other columns are ignored.
 * Blank lines are not records.
 *
 * @see CsvRecordReader
 */
public final class CsvRecordReaderFormat implements RecordReaderFormat {

    private final char delimiter;
    private final char quote;
    private final boolean header;
    private final Optional<Schema> columns;

    /**
     * @param delimiter the field separator, e.g. ',' or '\t'
     * @param quote the quote character, usually '"'
     * @param header whether the first row holds the column names
     * @param columns the declared columns (a struct of optional fields), if any; required without a header
     */
    public CsvRecordReaderFormat(char delimiter, char quote, boolean header, Optional<Schema> columns) {
        if (delimiter == quote || delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
            throw new IllegalArgumentException("Cannot read CSV with delimiter '" + delimiter + "' and quote '" + quote
                    + "': they must differ from each other and from line breaks");
        }
        this.columns = Objects.requireNonNull(columns, "columns");
        if (!header && columns.isEmpty()) {
            throw new IllegalArgumentException("Cannot read CSV without a header row and without declared columns:"
                    + " the columns would have no names");
        }
        this.delimiter = delimiter;
        this.quote = quote;
        this.header = header;
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public RecordReader open(InputStream in) throws IOException {
        BufferedReader text = new BufferedReader(
                new InputStreamReader(CompressedReaderInput.decompressed(in), StandardCharsets.UTF_8), 64 * 1024);
        return CsvRecordReader.open(text, new CsvRowReader(text, delimiter, quote), header, columns);
    }

    @Override
    public String toString() {
        return "csv(delimiter '" + delimiter + "', header " + header + ")";
    }
}
