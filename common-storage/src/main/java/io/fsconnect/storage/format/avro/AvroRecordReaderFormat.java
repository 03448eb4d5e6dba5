package io.fsconnect.storage.format.avro;

import io.fsconnect.storage.format.AvroRecordMapping;
import io.fsconnect.storage.format.AvroToConnect;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderException;
import io.fsconnect.storage.format.RecordReaderFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Reads Avro object container files (the {@code .avro} files with the writer's schema in their header)
 * as Connect structs, front to back on a stream. The writer's schema must be a record; it is mapped by
 * {@link AvroToConnect}. A header or block that cannot be decoded, such as a truncated file, fails
 * with a {@link RecordReaderException} that cannot be continued from, since container blocks cannot
 * be resynchronised record by record.
 */
public final class AvroRecordReaderFormat implements RecordReaderFormat {

    @Override
    public String name() {
        return "avro";
    }

    @Override
    public RecordReader open(InputStream in) throws IOException {
        DataFileStream<GenericRecord> stream;
        try {
            stream = new DataFileStream<>(in, new GenericDatumReader<>(null, null, AvroRecordMapping.RAW_DATA_MODEL));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw new RecordReaderException("not a readable Avro container file (" + e.getMessage() + ")", 0, false, e);
        }
        AvroToConnect mapping;
        try {
            mapping = AvroToConnect.of(stream.getSchema());
        } catch (RuntimeException e) {
            stream.close();
            throw new RecordReaderException("its schema cannot be read as Connect structs: " + e.getMessage(), 0,
                    false, e);
        }
        return new Reader(stream, mapping);
    }

    @Override
    public String toString() {
        return name();
    }

    private static final class Reader implements RecordReader {

        private final DataFileStream<GenericRecord> stream;
        private final AvroToConnect mapping;
        private long position;
        private boolean broken;

        Reader(DataFileStream<GenericRecord> stream, AvroToConnect mapping) {
            this.stream = stream;
            this.mapping = mapping;
        }

        @Override
        public Optional<SchemaAndValue> next() throws IOException {
            GenericRecord record = readRaw();
            if (record == null) {
                return Optional.empty();
            }
            long index = position++;
            try {
                return Optional.of(new SchemaAndValue(mapping.connectSchema(), mapping.toConnect(record)));
            } catch (RuntimeException e) {
                throw new RecordReaderException("record cannot be converted: " + e.getMessage(), index, true, e);
            }
        }

        @Override
        public void skipTo(long index) throws IOException {
            while (position < index) {
                if (readRaw() == null) {
                    throw new RecordReaderException("the file ends after " + position + " record(s), before the"
                            + " resume position " + index, position, false);
                }
                position++;
            }
        }

        private GenericRecord readRaw() {
            if (broken) {
                throw new RecordReaderException("the file could not be read on from here", position, false);
            }
            try {
                return stream.hasNext() ? stream.next() : null;
            } catch (RuntimeException e) {
                broken = true;
                throw new RecordReaderException("the file cannot be decoded from record " + position + " on ("
                        + e.getMessage() + "); it may be truncated or corrupt", position, false, e);
            }
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
