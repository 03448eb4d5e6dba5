package io.fsconnect.storage.format.parquet;

import io.fsconnect.storage.format.AvroRecordMapping;
import io.fsconnect.storage.format.AvroToConnect;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Reads the rows of one Parquet file, in file order, as Connect structs. The file's Avro schema
 * (written by parquet-avro, or derived from the Parquet schema otherwise) is mapped by
 * {@link AvroToConnect}. A file whose footer or pages cannot be decoded, such as a truncated upload,
 * fails with a {@link RecordReaderException} that cannot be continued from.
 */
final class ParquetRecordReader implements RecordReader {

    private final SeekableByteChannel channel;
    private final ParquetReader<GenericRecord> reader;
    private AvroToConnect mapping;
    /** The first row, read while opening so that an unreadable file fails at once. */
    private GenericRecord peeked;
    private long position;
    private boolean broken;

    private ParquetRecordReader(SeekableByteChannel channel, ParquetReader<GenericRecord> reader) {
        this.channel = channel;
        this.reader = reader;
    }

    static ParquetRecordReader open(SeekableByteChannel channel) throws IOException {
        ParquetReader<GenericRecord> reader = null;
        try {
            reader = AvroParquetReader.<GenericRecord>builder(new ChannelInputFile(channel),
                            new PlainParquetConfiguration())
                    // Raw Avro values: AvroToConnect applies the logical types itself.
                    .withDataModel(AvroRecordMapping.RAW_DATA_MODEL)
                    .build();
            ParquetRecordReader opened = new ParquetRecordReader(channel, reader);
            opened.peeked = reader.read();
            return opened;
        } catch (RuntimeException | IOException e) {
            try {
                if (reader != null) {
                    reader.close();
                }
            } finally {
                channel.close();
            }
            throw new RecordReaderException("not a readable Parquet file (" + e.getMessage() + "); it may be"
                    + " truncated or still being written", 0, false, e);
        }
    }

    @Override
    public Optional<SchemaAndValue> next() throws IOException {
        GenericRecord record = readRaw();
        if (record == null) {
            return Optional.empty();
        }
        if (mapping == null || !mapping.avroSchema().equals(record.getSchema())) {
            mapping = AvroToConnect.of(record.getSchema());
        }
        long index = position++;
        try {
            return Optional.of(new SchemaAndValue(mapping.connectSchema(), mapping.toConnect(record)));
        } catch (RuntimeException e) {
            throw new RecordReaderException("row cannot be converted: " + e.getMessage(), index, true, e);
        }
    }

    @Override
    public void skipTo(long index) throws IOException {
        while (position < index) {
            if (readRaw() == null) {
                throw new RecordReaderException("the file ends after " + position + " row(s), before the resume"
                        + " position " + index, position, false);
            }
            position++;
        }
    }

    private GenericRecord readRaw() throws IOException {
        if (broken) {
            throw new RecordReaderException("the file could not be read on from here", position, false);
        }
        if (peeked != null) {
            GenericRecord first = peeked;
            peeked = null;
            return first;
        }
        try {
            return reader.read();
        } catch (RuntimeException | IOException e) {
            broken = true;
            throw new RecordReaderException("the file cannot be decoded from row " + position + " on ("
                    + e.getMessage() + "); it may be truncated or corrupt", position, false, e);
        }
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            channel.close();
        }
    }

    /** A Parquet input file on a channel; each stream keeps its own position, so streams may interleave. */
    private static final class ChannelInputFile implements InputFile {

        private final SeekableByteChannel channel;

        ChannelInputFile(SeekableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public String toString() {
            return "the file";
        }

        @Override
        public long getLength() throws IOException {
            return channel.size();
        }

        @Override
        public SeekableInputStream newStream() {
            ChannelStream stream = new ChannelStream(channel);
            return new DelegatingSeekableInputStream(stream) {
                @Override
                public long getPos() {
                    return stream.position;
                }

                @Override
                public void seek(long newPos) {
                    stream.position = newPos;
                }
            };
        }
    }

    private static final class ChannelStream extends InputStream {

        private final SeekableByteChannel channel;
        private long position;

        ChannelStream(SeekableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            channel.position(position);
            int n = channel.read(ByteBuffer.wrap(b, off, len));
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long size = channel.size();
            if (position >= size) {
                throw new EOFException("Cannot skip past the end of the file");
            }
            long skipped = Math.min(n, size - position);
            position += skipped;
            return skipped;
        }

        @Override
        public void close() {
            // The channel belongs to the record reader, which closes it once.
        }
    }
}
