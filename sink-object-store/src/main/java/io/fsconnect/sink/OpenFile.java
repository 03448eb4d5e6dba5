package io.fsconnect.sink;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.RecordWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * One file being written: the upload it streams to and the format writer on top of it, with the offset
 * of its first record (which names it). {@link #complete()} makes the object visible; {@link #abort()}
 * leaves no object behind. From start to complete or abort, the memory the file is estimated to hold is
 * charged to the task's {@link BufferBudget}, and updated after every row.
 */
final class OpenFile {

    private final String key;
    private final long startOffset;
    private final Instant openedAt;
    private final Optional<Instant> firstRecordTime;
    private final ObjectUpload upload;
    private final RecordWriter writer;
    private final FileMemory memory;
    private final BufferBudget budget;
    private final int columns;
    private long records;
    private long formatBytes;
    private long chargedBytes;

    private OpenFile(String key, long startOffset, Instant openedAt, Optional<Instant> firstRecordTime,
            ObjectUpload upload, RecordWriter writer, FileMemory memory, BufferBudget budget, int columns) {
        this.key = key;
        this.startOffset = startOffset;
        this.openedAt = openedAt;
        this.firstRecordTime = firstRecordTime;
        this.upload = upload;
        this.writer = writer;
        this.memory = memory;
        this.budget = budget;
        this.columns = columns;
        recharge();
    }

    /**
     * Starts the object at {@code key} for rows of {@code schema} (empty: schemaless).
     *
     * @param firstRecordTime the time of the record that starts the file, when record times are extracted
     * @throws DataException if the format cannot represent the schema; nothing is left in the store
     * @throws IOException if the store cannot start the upload
     */
    static OpenFile start(ObjectStore store, String key, RecordFormat format, Optional<Schema> schema,
            long startOffset, Instant now, Optional<Instant> firstRecordTime, FileMemory memory, BufferBudget budget)
            throws IOException {
        ObjectUpload upload = store.create(key);
        try {
            return new OpenFile(key, startOffset, now, firstRecordTime, upload, format.open(upload, schema), memory,
                    budget, FileMemory.columns(schema));
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e;
        }
    }

    String key() {
        return key;
    }

    long startOffset() {
        return startOffset;
    }

    /**
     * Appends a row value.
     *
     * @throws DataException if the value cannot be represented; the file stays usable
     */
    void write(Object value) throws IOException {
        try {
            writer.write(value);
            records++;
        } finally {
            // A failed row may still have grown the writer's buffers.
            recharge();
        }
    }

    /** The memory this file is estimated to hold, as charged to the budget. */
    long heldBytes() {
        return chargedBytes;
    }

    boolean isEmpty() {
        return records == 0;
    }

    RotationPolicy.OpenFileState state() {
        return new RotationPolicy.OpenFileState(records, formatBytes, openedAt, firstRecordTime);
    }

    /**
     * Completes the file and makes the object visible.
     *
     * @throws IOException if it could not be made visible; the object is then absent
     */
    void complete() throws IOException {
        try {
            writer.commit();
            upload.close();
            release();
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Discards the file. */
    void abort() throws IOException {
        try {
            writer.close();
        } finally {
            release();
            upload.abort();
        }
    }

    private void recharge() {
        formatBytes = writer.bytesWritten();
        long held = memory.heldBy(columns, formatBytes, upload.bytesWritten());
        budget.charge(held - chargedBytes);
        chargedBytes = held;
    }

    private void release() {
        budget.charge(-chargedBytes);
        chargedBytes = 0;
    }
}
