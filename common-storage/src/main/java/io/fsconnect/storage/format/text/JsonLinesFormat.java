package io.fsconnect.storage.format.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.fsconnect.storage.format.GuardedOutputStream;
import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.RecordWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;

/**
 * JSON Lines files: one JSON value per line, UTF-8, each line ending in {@code \n}, optionally gzip
 * compressed as a whole. Values may have a schema or be schemaless (maps, lists, primitives, as
 * JsonConverter with {@code schemas.enable=false} produces them); a {@code null} value becomes the line
 * {@code null}. Types are rendered as {@link JsonValueWriter} documents (decimals as exact numbers,
 * timestamps as ISO-8601 UTC text).
 */
public final class JsonLinesFormat implements RecordFormat {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private final TextCompression compression;

    public JsonLinesFormat(TextCompression compression) {
        this.compression = Objects.requireNonNull(compression, "compression");
    }

    @Override
    public String extension() {
        return ".jsonl" + compression.extensionSuffix();
    }

    @Override
    public boolean requiresSchema() {
        return false;
    }

    @Override
    public RecordWriter open(OutputStream out, Optional<Schema> valueSchema) throws IOException {
        GuardedOutputStream guarded = new GuardedOutputStream(out);
        return new JsonLinesRecordWriter(guarded, compression.wrap(guarded), valueSchema.orElse(null));
    }

    private static JsonGenerator lineGenerator(OutputStream line) throws IOException {
        JsonGenerator json = JSON.createGenerator(line);
        json.setRootValueSeparator(null);
        return json;
    }

    @Override
    public String toString() {
        return "jsonl(" + compression.configName() + ")";
    }

    /** Writes one JSON Lines file; see {@link RecordWriter} for the life cycle. */
    private static final class JsonLinesRecordWriter implements RecordWriter {

        private final GuardedOutputStream guarded;
        private final OutputStream compressed;
        private final Schema schema;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        private JsonGenerator json;
        private boolean finished;

        JsonLinesRecordWriter(GuardedOutputStream guarded, OutputStream compressed, Schema schema)
                throws IOException {
            this.guarded = guarded;
            this.compressed = compressed;
            this.schema = schema;
            this.json = lineGenerator(line);
        }

        @Override
        public void write(Object value) throws IOException {
            if (finished) {
                throw new IOException("Cannot write to JSON Lines file: it is already committed or closed");
            }
            // Each line is rendered apart and only then appended, so a value that fails half-way
            // leaves no partial line in the file.
            line.reset();
            try {
                JsonValueWriter.write(json, schema, value, "");
                json.flush();
            } catch (RuntimeException e) {
                // The generator is inside the failed value; the next line needs a fresh one.
                json = lineGenerator(line);
                throw e;
            }
            line.write('\n');
            line.writeTo(compressed);
        }

        @Override
        public long bytesWritten() {
            return guarded.count();
        }

        @Override
        public void commit() throws IOException {
            if (finished) {
                throw new IOException("Cannot commit JSON Lines file: it is already committed or closed");
            }
            finished = true;
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
            compressed.close();
        }
    }
}
