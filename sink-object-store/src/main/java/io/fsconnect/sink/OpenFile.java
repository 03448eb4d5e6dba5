package io.fsconnect.sink;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.RecordWriter;
import java.io.IOException;
import java.time.Instant;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * One file being written: the upload it streams to and the format writer on top of it. It tracks the
 * Kafka offsets it covers; {@link #complete()} makes the object visible and returns the offset after the
 * last record it covers, which is then safe to commit. {@link #abort()} leaves no object behind.
 */
final class OpenFile {

    private final String key;
    private final String topic;
    private final Schema schema;
    private final Instant openedAt;
    private final ObjectUpload upload;
    private final RecordWriter writer;
    private long records;
    private long endOffset;

    private OpenFile(String key, String topic, Schema schema, Instant openedAt, ObjectUpload upload,
            RecordWriter writer, long startOffset) {
        this.key = key;
        this.topic = topic;
        this.schema = schema;
        this.openedAt = openedAt;
        this.upload = upload;
        this.writer = writer;
        this.endOffset = startOffset;
    }

    /**
     * Starts the object at {@code key} for records of {@code topic} with {@code schema}.
     *
     * @throws DataException if the format cannot represent the schema; nothing is left in the store
     * @throws IOException if the store cannot start the upload
     */
    static OpenFile start(ObjectStore store, String key, RecordFormat format, String topic, Schema schema,
            long startOffset, Instant now) throws IOException {
        ObjectUpload upload = store.create(key);
        try {
            return new OpenFile(key, topic, schema, now, upload, format.open(upload, java.util.Optional.ofNullable(schema)), startOffset);
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e;
        }
    }

    String key() {
        return key;
    }

    /** Whether a record of {@code recordTopic} with {@code valueSchema} belongs in this file. */
    boolean accepts(String recordTopic, Schema valueSchema) {
        return topic.equals(recordTopic) && (schema == valueSchema || schema.equals(valueSchema));
    }

    /**
     * Appends a record value.
     *
     * @throws DataException if the value cannot be represented; the file stays usable
     */
    void write(Object value, long offset) throws IOException {
        writer.write(value);
        records++;
        endOffset = offset + 1;
    }

    /** Counts a record that was reported instead of written as handled by this file. */
    void cover(long offset) {
        endOffset = Math.max(endOffset, offset + 1);
    }

    boolean isEmpty() {
        return records == 0;
    }

    RotationPolicy.OpenFileState state() {
        return new RotationPolicy.OpenFileState(records, writer.bytesWritten(), openedAt);
    }

    /**
     * Completes the file and makes the object visible.
     *
     * @return the offset after the last record the file covers
     * @throws IOException if it could not be made visible; the object is then absent
     */
    long complete() throws IOException {
        try {
            writer.commit();
            upload.close();
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        return endOffset;
    }

    /** Discards the file. */
    void abort() throws IOException {
        try {
            writer.close();
        } finally {
            upload.abort();
        }
    }
}
