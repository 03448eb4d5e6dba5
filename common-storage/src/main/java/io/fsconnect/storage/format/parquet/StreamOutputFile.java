package io.fsconnect.storage.format.parquet;

import io.fsconnect.storage.format.GuardedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} over a caller's stream, through a {@link GuardedOutputStream}: its byte count is the
 * position parquet asks for, and closing the position stream only flushes, because whether the bytes become an
 * object is the caller's decision, not parquet's.
 */
final class StreamOutputFile implements OutputFile {

    private final GuardedOutputStream out;
    private boolean created;

    StreamOutputFile(OutputStream out) {
        this.out = new GuardedOutputStream(out);
    }

    void flush() throws IOException {
        out.flush();
    }

    void discardFurtherWrites() {
        out.discard();
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
                return out.count();
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
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
