package io.fsconnect.storage.format.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.fsconnect.storage.format.GuardedOutputStream;
import io.fsconnect.storage.format.RecordWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** Writes one CSV or TSV file; see {@link CsvFormat} for the layout and {@link RecordWriter} for the life cycle. */
final class CsvRecordWriter implements RecordWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private final GuardedOutputStream guarded;
    private final OutputStream compressed;
    private final Writer text;
    private final char delimiter;
    private final Optional<Schema> schema;
    private final StringBuilder row = new StringBuilder(256);
    private List<String> header;
    private boolean finished;

    CsvRecordWriter(GuardedOutputStream guarded, OutputStream compressed, char delimiter, Optional<Schema> schema) {
        this.guarded = guarded;
        this.compressed = compressed;
        this.text = new BufferedWriter(new OutputStreamWriter(compressed, StandardCharsets.UTF_8), 16 * 1024);
        this.delimiter = delimiter;
        this.schema = schema;
        schema.ifPresent(CsvRecordWriter::checkIsStruct);
    }

    @Override
    public void write(Object value) throws IOException {
        if (finished) {
            throw new IOException("Cannot write to CSV file: it is already committed or closed");
        }
        // The whole row is rendered before any of it is written, so a bad value leaves no partial row.
        row.setLength(0);
        List<String> columns;
        if (schema.isPresent()) {
            if (!(value instanceof Struct struct)) {
                throw notARow(value);
            }
            columns = header != null ? header : fieldNames(struct.schema());
            renderStruct(struct);
        } else {
            if (!(value instanceof Map<?, ?> map)) {
                throw notARow(value);
            }
            columns = header != null ? header : sortedKeys(map);
            renderMap(map, columns);
        }
        if (header == null) {
            StringBuilder headerRow = new StringBuilder();
            for (String name : columns) {
                appendCell(headerRow, name);
            }
            writeRow(headerRow);
            header = columns;
        }
        writeRow(row);
    }

    private void writeRow(StringBuilder cells) throws IOException {
        // Every cell ends with a delimiter; the last one ends the row with a line break instead.
        text.append(cells, 0, cells.length() - 1).append('\n');
    }

    @Override
    public long bytesWritten() {
        return guarded.count();
    }

    @Override
    public void commit() throws IOException {
        if (finished) {
            throw new IOException("Cannot commit CSV file: it is already committed or closed");
        }
        finished = true;
        text.flush();
        TextCompression.finish(compressed);
        guarded.flush();
    }

    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        guarded.discard();
        text.close();
    }

    private void renderStruct(Struct struct) throws IOException {
        for (Field field : struct.schema().fields()) {
            appendValue(field.schema(), struct.get(field), field.name());
        }
        if (struct.schema().fields().isEmpty()) {
            row.append(delimiter);
        }
    }

    private void renderMap(Map<?, ?> map, List<String> columns) throws IOException {
        for (Object key : map.keySet()) {
            if (key == null || !columns.contains(key.toString())) {
                throw new DataException("Cannot write map key '" + key + "' as a CSV column: the file's header,"
                        + " taken from its first record, is " + columns + "; give the values a schema so every"
                        + " row has the same columns");
            }
        }
        for (String column : columns) {
            appendValue(null, map.get(column), column);
        }
        if (columns.isEmpty()) {
            row.append(delimiter);
        }
    }

    private void appendValue(Schema valueSchema, Object value, String column) throws IOException {
        if (value == null) {
            row.append(delimiter);
            return;
        }
        appendCell(row, cellText(valueSchema, value, column));
    }

    private void appendCell(StringBuilder target, String cell) {
        if (cell.isEmpty() || needsQuotes(cell)) {
            target.append('"');
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                if (c == '"') {
                    target.append('"');
                }
                target.append(c);
            }
            target.append('"');
        } else {
            target.append(cell);
        }
        target.append(delimiter);
    }

    private boolean needsQuotes(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private static String cellText(Schema schema, Object value, String column) throws IOException {
        if (schema != null && schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME:
                    return ((BigDecimal) value).toPlainString();
                case Date.LOGICAL_NAME:
                case Time.LOGICAL_NAME:
                case Timestamp.LOGICAL_NAME:
                    return JsonValueWriter.logicalText(schema, value);
                default:
                    break;
            }
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return JsonValueWriter.base64(value);
        }
        if (value instanceof Struct || value instanceof List<?> || value instanceof Map<?, ?>
                || value instanceof java.util.Date) {
            StringWriter json = new StringWriter();
            try (JsonGenerator generator = JSON.createGenerator(json)) {
                JsonValueWriter.write(generator, schema, value, column);
            }
            String rendered = json.toString();
            // A date without a schema is rendered as a JSON string; the cell holds just its text.
            return value instanceof java.util.Date ? rendered.substring(1, rendered.length() - 1) : rendered;
        }
        return value.toString();
    }

    private static void checkIsStruct(Schema schema) {
        if (schema.type() != Schema.Type.STRUCT) {
            throw new DataException("Cannot write values of schema " + schema.type() + " as CSV rows: only STRUCT"
                    + " values (or schemaless maps) have columns; wrap the value with the HoistField transform");
        }
    }

    private static DataException notARow(Object value) {
        return new DataException("Cannot write a value of " + (value == null ? "null" : value.getClass().getName())
                + " as a CSV row: expected a Struct with a schema, or a Map without one");
    }

    private static List<String> fieldNames(Schema schema) {
        List<String> names = new ArrayList<>();
        for (Field field : schema.fields()) {
            names.add(field.name());
        }
        return names;
    }

    private static List<String> sortedKeys(Map<?, ?> map) {
        TreeSet<String> keys = new TreeSet<>();
        for (Object key : map.keySet()) {
            if (key == null) {
                throw new DataException("Cannot write a map with a null key as a CSV row: columns need names");
            }
            keys.add(key.toString());
        }
        return new ArrayList<>(keys);
    }
}
