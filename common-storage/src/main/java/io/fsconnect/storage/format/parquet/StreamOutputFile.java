package io.fsconnect.storage.format.parquet;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} over a caller's stream. Closing the position stream only flushes, because
 * whether the bytes become an object is the caller's decision, not parquet's.
 */
final class StreamOutputFile implements OutputFile {

    private final OutputStream out;
    private long position;
    private boolean discarding;
    private boolean created;

    StreamOutputFile(OutputStream out) {
        this.out = out;
    }

    void flush() throws IOException {
        out.flush();
    }

    void discardFurtherWrites() {
        discarding = true;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        if (created) {
            throw new IOException("Cannot create Parquet file: the stream already holds one");
        }
        created = true;
        return new PositionOutputStream() {
            @Override
            public long getPos() {
                return position;
            }

            @Override
            public void write(int b) throws IOException {
                if (!discarding) {
                    out.write(b);
                }
                position++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!discarding) {
                    out.write(b, off, len);
                }
                position += len;
            }

            @Override
            public void flush() throws IOException {
                if (!discarding) {
                    out.flush();
                }
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return "stream";
    }
}
