package io.fsconnect.sink;

import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.parquet.ParquetFormat;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;

/**
 * An upper estimate of the memory one open file holds, from the two sizes the sink can see: what the
 * format writer reports ({@code RecordWriter.bytesWritten()}, which for Parquet includes the row group in
 * memory) and what the upload has received. It adds the format's fixed buffers and the upload's buffer,
 * which grows by doubling from 64 KiB up to one part (the S3 part, Azure block or GCS chunk) and keeps
 * that size once the first part has been sent. A local upload's fixed 64 KiB buffer is covered by the
 * same rule. For Parquet it also counts what each column's writer holds (encoders, statistics, dictionary)
 * and twice the buffered rows, because the buffers grow by doubling; these factors were measured against
 * the heap and direct memory of a thousand open files ({@code ManyOpenPartitionsMemoryIT}).
 *
 * @param fixedFormatBytes what a writer of the format holds however few rows it has
 * @param perColumnBytes what a writer holds for each leaf column of the schema
 * @param bufferFactor how many times its reported buffered bytes a writer really holds
 * @param partBytes the most one upload buffers
 */
record FileMemory(long fixedFormatBytes, long perColumnBytes, int bufferFactor, long partBytes) {

    static final long FIRST_UPLOAD_BUFFER_BYTES = 64 * 1024;
    private static final long TEXT_BUFFER_BYTES = 96 * 1024;
    // A deflater's native window and hash tables, besides the compressing stream's own buffer.
    private static final long DEFLATER_BYTES = 320 * 1024;
    private static final long AVRO_BLOCK_BYTES = 64 * 1024;
    private static final long PARQUET_COLUMN_BYTES = 12 * 1024;

    FileMemory {
        if (fixedFormatBytes < 0 || perColumnBytes < 0 || bufferFactor < 1 || partBytes < 1) {
            throw new IllegalArgumentException("Cannot estimate file memory from fixed bytes " + fixedFormatBytes
                    + " and part size " + partBytes);
        }
    }

    static FileMemory of(RecordFormat format, long partBytes) {
        if (format instanceof ParquetFormat parquet) {
            return new FileMemory(parquet.buffering().fixedBytesPerFile(), PARQUET_COLUMN_BYTES, 2, partBytes);
        }
        if (format.extension().startsWith(".avro")) {
            // The open block, and the codec's copy of it when the block is written.
            return new FileMemory(2 * AVRO_BLOCK_BYTES, 0, 1, partBytes);
        }
        return new FileMemory(TEXT_BUFFER_BYTES + (format.extension().endsWith(".gz") ? DEFLATER_BYTES : 0), 0, 1,
                partBytes);
    }

    /** The leaf columns of rows of {@code schema}: a struct's fields, recursively; one for anything else. */
    static int columns(Optional<Schema> schema) {
        return schema.map(FileMemory::leaves).orElse(1);
    }

    private static int leaves(Schema schema) {
        return switch (schema.type()) {
            case STRUCT -> schema.fields().stream().mapToInt(field -> leaves(field.schema())).sum();
            case ARRAY -> leaves(schema.valueSchema());
            case MAP -> leaves(schema.keySchema()) + leaves(schema.valueSchema());
            default -> 1;
        };
    }

    /**
     * The estimated bytes held by a file of {@code columns} leaf columns whose writer reports {@code formatBytes} and whose upload has
     * received {@code uploadedBytes}.
     */
    long heldBy(int columns, long formatBytes, long uploadedBytes) {
        long inFormat = bufferFactor * Math.max(0, formatBytes - uploadedBytes);
        long inUpload = uploadedBytes > partBytes ? partBytes
                : Math.min(partBytes, Math.max(FIRST_UPLOAD_BUFFER_BYTES, 2 * uploadedBytes));
        return fixedFormatBytes + columns * perColumnBytes + inFormat + inUpload;
    }
}
