package io.fsconnect.sink;

import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.parquet.ParquetFormat;

/**
 * An upper estimate of the memory one open file holds, from the two sizes the sink can see: what the
 * format writer reports ({@code RecordWriter.bytesWritten()}, which for Parquet includes the row group in
 * memory) and what the upload has received. It adds the format's fixed buffers and the upload's buffer,
 * which grows by doubling from 64 KiB up to one part (the S3 part, Azure block or GCS chunk) and keeps
 * that size once the first part has been sent. A local upload's fixed 64 KiB buffer is covered by the
 * same rule.
 *
 * @param fixedFormatBytes what a writer of the format holds however few rows it has
 * @param partBytes the most one upload buffers
 */
record FileMemory(long fixedFormatBytes, long partBytes) {

    static final long FIRST_UPLOAD_BUFFER_BYTES = 64 * 1024;
    private static final long TEXT_BUFFER_BYTES = 96 * 1024;
    // A deflater's native window and hash tables, besides the compressing stream's own buffer.
    private static final long DEFLATER_BYTES = 320 * 1024;
    private static final long AVRO_BLOCK_BYTES = 64 * 1024;

    FileMemory {
        if (fixedFormatBytes < 0 || partBytes < 1) {
            throw new IllegalArgumentException("Cannot estimate file memory from fixed bytes " + fixedFormatBytes
                    + " and part size " + partBytes);
        }
    }

    static FileMemory of(RecordFormat format, long partBytes) {
        long fixed;
        if (format instanceof ParquetFormat parquet) {
            fixed = parquet.buffering().fixedBytesPerFile();
        } else if (format.extension().startsWith(".avro")) {
            // The open block, and the codec's copy of it when the block is written.
            fixed = 2 * AVRO_BLOCK_BYTES;
        } else {
            fixed = TEXT_BUFFER_BYTES + (format.extension().endsWith(".gz") ? DEFLATER_BYTES : 0);
        }
        return new FileMemory(fixed, partBytes);
    }

    /**
     * The estimated bytes held by a file whose writer reports {@code formatBytes} and whose upload has
     * received {@code uploadedBytes}.
     */
    long heldBy(long formatBytes, long uploadedBytes) {
        long inFormat = Math.max(0, formatBytes - uploadedBytes);
        long inUpload = uploadedBytes > partBytes ? partBytes
                : Math.min(partBytes, Math.max(FIRST_UPLOAD_BUFFER_BYTES, 2 * uploadedBytes));
        return fixedFormatBytes + inFormat + inUpload;
    }
}
