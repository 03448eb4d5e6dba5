package io.fsconnect.storage.format;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Opens text files that may be compressed: gzip and zstd are recognised by their magic bytes rather
 * than by the file name, so a {@code .json} object that is really gzipped, or a {@code .gz} that is
 * not, still reads correctly. Anything else is returned as it is, buffered.
 */
public final class CompressedReaderInput {

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int[] ZSTD_MAGIC = {0x28, 0xb5, 0x2f, 0xfd};

    private CompressedReaderInput() {
    }

    /**
     * The decompressed content of {@code in}; closing the result closes {@code in}.
     *
     * @throws IOException if the stream fails or a compressed header is invalid
     */
    public static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        buffered.mark(4);
        int[] head = new int[4];
        int n = 0;
        while (n < 4) {
            int b = buffered.read();
            if (b < 0) {
                break;
            }
            head[n++] = b;
        }
        buffered.reset();
        if (n >= 2 && head[0] == GZIP_MAGIC_0 && head[1] == GZIP_MAGIC_1) {
            return new BufferedInputStream(new GZIPInputStream(buffered, 64 * 1024), 64 * 1024);
        }
        if (n == 4 && head[0] == ZSTD_MAGIC[0] && head[1] == ZSTD_MAGIC[1] && head[2] == ZSTD_MAGIC[2]
                && head[3] == ZSTD_MAGIC[3]) {
            return new BufferedInputStream(new ZstdInputStream(buffered), 64 * 1024);
        }
        return buffered;
    }
}
