package io.fsconnect.storage.format.avro;

import io.fsconnect.storage.format.AvroRecordMapping;
import io.fsconnect.storage.format.DecimalEncoding;
import io.fsconnect.storage.format.GuardedOutputStream;
import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.RecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Avro object container files of Connect {@code STRUCT} values: the writer schema (mapped by
 * {@link AvroRecordMapping}, logical types included) in the header, records in blocks compressed with
 * the chosen {@link AvroCodec}. Schemaless values are refused: a container file needs one schema.
 */
public final class AvroFormat implements RecordFormat {

    /** Uncompressed bytes per block; a block is also what the writer holds in memory before writing it. */
    static final int BLOCK_BYTES = 64 * 1024;

    private final AvroCodec codec;
    private final DecimalEncoding decimals;

    public AvroFormat(AvroCodec codec, DecimalEncoding decimals) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.decimals = Objects.requireNonNull(decimals, "decimals");
    }

    /** Avro with {@code codec}, decimals as bytes. */
    public AvroFormat(AvroCodec codec) {
        this(codec, DecimalEncoding.BYTES);
    }

    @Override
    public String extension() {
        return ".avro";
    }

    @Override
    public boolean requiresSchema() {
        return true;
    }

    @Override
    public RecordWriter open(OutputStream out, Optional<Schema> valueSchema) throws IOException {
        AvroRecordMapping mapping = AvroRecordMapping.of(
                valueSchema.orElseThrow(() -> AvroRecordMapping.missingSchema("Avro")), decimals);
        GuardedOutputStream guarded = new GuardedOutputStream(out);
        // Values are already in Avro's raw representation; no logical-type conversions needed.
        DataFileWriter<GenericRecord> writer = new DataFileWriter<>(
                new GenericDatumWriter<GenericRecord>(mapping.avroSchema(), AvroRecordMapping.RAW_DATA_MODEL));
        writer.setCodec(codec.factory());
        writer.setSyncInterval(BLOCK_BYTES);
        writer.create(mapping.avroSchema(), guarded);
        return new AvroRecordWriter(mapping, guarded, writer);
    }

    @Override
    public String toString() {
        return "avro(" + codec.configName() + ", decimals " + decimals.name().toLowerCase(Locale.ROOT) + ")";
    }

    /** Writes one Avro container file; see {@link RecordWriter} for the life cycle. */
    private static final class AvroRecordWriter implements RecordWriter {

        private final AvroRecordMapping mapping;
        private final GuardedOutputStream guarded;
        private final DataFileWriter<GenericRecord> writer;
        private boolean finished;

        AvroRecordWriter(AvroRecordMapping mapping, GuardedOutputStream guarded, DataFileWriter<GenericRecord> writer) {
            this.mapping = mapping;
            this.guarded = guarded;
            this.writer = writer;
        }

        @Override
        public void write(Object value) throws IOException {
            if (finished) {
                throw new IOException("Cannot write to Avro file: it is already committed or closed");
            }
            if (!(value instanceof Struct struct)) {
                throw new DataException("Cannot write value of " + (value == null ? "null" : value.getClass().getName())
                        + " to Avro: expected a Struct");
            }
            // Converted before appending, so a value that cannot be represented leaves the block untouched.
            GenericRecord record = mapping.toAvro(struct);
            try {
                writer.append(record);
            } catch (DataFileWriter.AppendWriteException e) {
                throw new DataException("Cannot write record to Avro: " + e.getMessage(), e);
            }
        }

        @Override
        public long bytesWritten() {
            // The open block is not counted until it is written; it holds at most BLOCK_BYTES.
            return guarded.count();
        }

        @Override
        public void commit() throws IOException {
            if (finished) {
                throw new IOException("Cannot commit Avro file: it is already committed or closed");
            }
            finished = true;
            writer.close();
        }

        @Override
        public void close() throws IOException {
            if (finished) {
                return;
            }
            finished = true;
            guarded.discard();
            writer.close();
        }
    }
}
