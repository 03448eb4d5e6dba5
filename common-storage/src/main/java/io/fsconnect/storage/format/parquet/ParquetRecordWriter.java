package io.fsconnect.storage.format.parquet;

import io.fsconnect.storage.format.AvroRecordMapping;
import io.fsconnect.storage.format.RecordWriter;
import java.io.IOException;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.parquet.hadoop.ParquetWriter;

/** Writes one Parquet file of Connect structs; see {@link RecordWriter} for the life cycle. */
final class ParquetRecordWriter implements RecordWriter {

    private final AvroRecordMapping mapping;
    private final StreamOutputFile file;
    private final ParquetWriter<GenericRecord> writer;
    private boolean finished;

    ParquetRecordWriter(AvroRecordMapping mapping, StreamOutputFile file, ParquetWriter<GenericRecord> writer) {
        this.mapping = mapping;
        this.file = file;
        this.writer = writer;
    }

    @Override
    public void write(Object value) throws IOException {
        if (finished) {
            throw new IOException("Cannot write to Parquet file: it is already committed or closed");
        }
        if (!(value instanceof Struct struct)) {
            throw new DataException("Cannot write value of " + (value == null ? "null" : value.getClass().getName())
                    + " to Parquet: expected a Struct");
        }
        writer.write(mapping.toAvro(struct));
    }

    @Override
    public long bytesWritten() {
        return writer.getDataSize();
    }

    @Override
    public void commit() throws IOException {
        if (finished) {
            throw new IOException("Cannot commit Parquet file: it is already committed or closed");
        }
        finished = true;
        // Writes the last row group and the footer; the stream stays open for the caller to publish.
        writer.close();
        file.flush();
    }

    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        // Closing is the only way to release parquet's buffers and codecs; the footer it writes is dropped.
        file.discardFurtherWrites();
        writer.close();
    }
}
