package io.fsconnect.storage.format.text;

import io.fsconnect.storage.format.DeclaredValueReader;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderException;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads the rows of one delimited text file as Connect structs; see {@link CsvRecordReaderFormat}
 * for the rules. A row with the wrong number of fields, a cell that does not parse as its declared
 * type or text after a closing quote is a malformed record that can be skipped; a quote left open at
 * the end of the file ends the readable input.
 */
final class CsvRecordReader implements RecordReader {

    private final Closeable input;
    private final CsvRowReader parser;
    private final Schema schema;
    private final int width;
    /** For each field of the schema, the index of its column in a row. */
    private final int[] columnOf;
    private long position;
    private boolean broken;

    private CsvRecordReader(Closeable input, CsvRowReader parser, Schema schema, int width, int[] columnOf) {
        this.input = input;
        this.parser = parser;
        this.schema = schema;
        this.width = width;
        this.columnOf = columnOf;
    }

    static CsvRecordReader open(Closeable input, CsvRowReader parser, boolean header, Optional<Schema> declared)
            throws IOException {
        try {
            if (!header) {
                Schema schema = declared.orElseThrow();
                int[] columnOf = new int[schema.fields().size()];
                for (int i = 0; i < columnOf.length; i++) {
                    columnOf[i] = i;
                }
                return new CsvRecordReader(input, parser, schema, columnOf.length, columnOf);
            }
            CsvRowReader.Row names = parser.next();
            if (names == null) {
                Schema schema = declared.orElse(SchemaBuilder.struct().build());
                return new CsvRecordReader(input, parser, schema, 0, new int[0]);
            }
            if (names.problem() != null) {
                throw new RecordReaderException("the header row cannot be read: " + names.problem(), 0, false);
            }
            List<String> headerNames = new ArrayList<>();
            for (String name : names.fields()) {
                headerNames.add(name == null ? "" : name.strip());
            }
            Schema schema = declared.orElseGet(() -> allStrings(headerNames));
            Map<String, Integer> indexByName = new HashMap<>();
            for (int i = 0; i < headerNames.size(); i++) {
                indexByName.putIfAbsent(headerNames.get(i), i);
            }
            int[] columnOf = new int[schema.fields().size()];
            for (Field field : schema.fields()) {
                Integer index = indexByName.get(field.name());
                if (index == null) {
                    throw new RecordReaderException("the declared column '" + field.name() + "' is not in the header "
                            + headerNames, 0, false);
                }
                columnOf[field.index()] = index;
            }
            return new CsvRecordReader(input, parser, schema, headerNames.size(), columnOf);
        } catch (IOException | RuntimeException e) {
            input.close();
            if (e instanceof CsvRowReader.UnterminatedQuoteException) {
                throw new RecordReaderException("the header row " + e.getMessage(), 0, false, e);
            }
            throw e;
        }
    }

    private static Schema allStrings(List<String> names) {
        SchemaBuilder builder = SchemaBuilder.struct();
        for (String name : names) {
            if (name.isEmpty()) {
                throw new RecordReaderException("the header has an empty column name; declare the columns instead",
                        0, false);
            }
            if (builder.field(name) != null) {
                throw new RecordReaderException("the header names column '" + name + "' twice", 0, false);
            }
            builder.field(name, Schema.OPTIONAL_STRING_SCHEMA);
        }
        return builder.build();
    }

    @Override
    public Optional<SchemaAndValue> next() throws IOException {
        CsvRowReader.Row row = nextRow();
        if (row == null) {
            return Optional.empty();
        }
        long index = position++;
        if (row.problem() != null) {
            throw new RecordReaderException("row cannot be split: " + row.problem(), index, true);
        }
        List<String> fields = row.fields();
        if (fields.size() != width) {
            throw new RecordReaderException("row has " + fields.size() + " field(s), the header " + width, index, true);
        }
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
            String text = fields.get(columnOf[field.index()]);
            if (text == null) {
                if (!field.schema().isOptional()) {
                    throw new RecordReaderException("column '" + field.name() + "' is empty but required", index, true);
                }
                continue;
            }
            try {
                struct.put(field, DeclaredValueReader.parse(field.schema(), text));
            } catch (DataException e) {
                throw new RecordReaderException("column '" + field.name() + "': " + e.getMessage(), index, true, e);
            }
        }
        return Optional.of(new SchemaAndValue(schema, struct));
    }

    @Override
    public void skipTo(long index) throws IOException {
        while (position < index) {
            if (nextRow() == null) {
                throw new RecordReaderException("the file ends after " + position + " row(s), before the resume"
                        + " position " + index, position, false);
            }
            position++;
        }
    }

    private CsvRowReader.Row nextRow() throws IOException {
        if (broken) {
            throw new RecordReaderException("the file could not be read on from here", position, false);
        }
        try {
            return parser.next();
        } catch (CsvRowReader.UnterminatedQuoteException e) {
            broken = true;
            throw new RecordReaderException("row " + e.getMessage(), position, false, e);
        }
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
