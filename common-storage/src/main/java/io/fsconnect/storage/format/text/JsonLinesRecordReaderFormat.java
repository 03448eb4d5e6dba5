package io.fsconnect.storage.format.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fsconnect.storage.format.CompressedReaderInput;
import io.fsconnect.storage.format.DeclaredValueReader;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderException;
import io.fsconnect.storage.format.RecordReaderFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads JSON Lines files (one JSON object per line; blank lines are not records), after undoing gzip
 * or zstd compression if the file starts with their magic bytes. Without declared columns each record
 * is a schemaless value: a {@code Map} of the object's fields, with nested objects as maps, arrays as
 * lists, whole numbers as {@code Long}, other numbers as {@code Double}. With declared columns each
 * record is a struct of those columns, read from the fields of the same name (missing or null fields
 * are null, other fields are ignored); numbers, booleans and strings are converted to the declared type
 * as in {@link DeclaredValueReader}. A line that is not a JSON object, or a field that does not fit its
 * column, is a malformed record that can be skipped.
 */
public final class JsonLinesRecordReaderFormat implements RecordReaderFormat {

    // Exact digits for decimal columns: a double would round 0.1 + big values before they are parsed.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Optional<Schema> columns;

    public JsonLinesRecordReaderFormat(Optional<Schema> columns) {
        this.columns = Objects.requireNonNull(columns, "columns");
    }

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public RecordReader open(InputStream in) throws IOException {
        return new Reader(new BufferedReader(new InputStreamReader(CompressedReaderInput.decompressed(in),
                StandardCharsets.UTF_8), 64 * 1024), columns);
    }

    @Override
    public String toString() {
        return name();
    }

    private static final class Reader implements RecordReader {

        private final BufferedReader lines;
        private final Optional<Schema> columns;
        private long position;

        Reader(BufferedReader lines, Optional<Schema> columns) {
            this.lines = lines;
            this.columns = columns;
        }

        @Override
        public Optional<SchemaAndValue> next() throws IOException {
            String line = nextLine();
            if (line == null) {
                return Optional.empty();
            }
            long index = position++;
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new RecordReaderException("line is not valid JSON: " + e.getOriginalMessage(), index, true, e);
            }
            if (node == null || !node.isObject()) {
                throw new RecordReaderException("line is not a JSON object", index, true);
            }
            if (columns.isEmpty()) {
                return Optional.of(new SchemaAndValue(null, schemaless(node)));
            }
            Schema schema = columns.get();
            Struct struct = new Struct(schema);
            for (Field field : schema.fields()) {
                JsonNode value = node.get(field.name());
                if (value == null || value.isNull()) {
                    if (!field.schema().isOptional()) {
                        throw new RecordReaderException("field '" + field.name() + "' is missing but required", index,
                                true);
                    }
                    continue;
                }
                if (value.isContainerNode()) {
                    throw new RecordReaderException("field '" + field.name() + "' is a JSON " + value.getNodeType()
                            .name().toLowerCase(java.util.Locale.ROOT) + ", not a "
                            + DeclaredValueReader.describe(field.schema()), index, true);
                }
                try {
                    struct.put(field, DeclaredValueReader.parse(field.schema(), value.asText()));
                } catch (DataException e) {
                    throw new RecordReaderException("field '" + field.name() + "': " + e.getMessage(), index, true, e);
                }
            }
            return Optional.of(new SchemaAndValue(schema, struct));
        }

        @Override
        public void skipTo(long index) throws IOException {
            while (position < index) {
                if (nextLine() == null) {
                    throw new RecordReaderException("the file ends after " + position + " line(s), before the resume"
                            + " position " + index, position, false);
                }
                position++;
            }
        }

        private String nextLine() throws IOException {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && line.isBlank());
            return line;
        }

        private static Object schemaless(JsonNode node) {
            switch (node.getNodeType()) {
                case OBJECT: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> entry = it.next();
                        map.put(entry.getKey(), schemaless(entry.getValue()));
                    }
                    return map;
                }
                case ARRAY: {
                    List<Object> list = new ArrayList<>(node.size());
                    node.forEach(element -> list.add(schemaless(element)));
                    return list;
                }
                case NUMBER:
                    return node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue()
                            : (Object) node.doubleValue();
                case BOOLEAN:
                    return node.booleanValue();
                case STRING:
                    return node.textValue();
                default:
                    return null;
            }
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
