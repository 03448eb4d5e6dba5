package io.fsconnect.storage.format.parquet;

import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads Parquet files through parquet-avro as Connect structs (see {@link ParquetRecordReader}).
 * Parquet keeps its index in a footer at the end of the file, so it is read from a seekable channel
 * only: a caller holding just a stream must first land the bytes somewhere seekable.
 */
public final class ParquetRecordReaderFormat implements RecordReaderFormat {

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public boolean needsSeekableInput() {
        return true;
    }

    @Override
    public RecordReader open(InputStream in) throws IOException {
        in.close();
        throw new UnsupportedOperationException("Cannot read Parquet from a stream: its footer sits at the end of"
                + " the file; open it on a seekable channel");
    }

    @Override
    public RecordReader open(SeekableByteChannel channel) throws IOException {
        return ParquetRecordReader.open(channel);
    }

    @Override
    public String toString() {
        return name();
    }
}
