package io.fsconnect.sink;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.format.RecordFormat;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Writes the records of one Kafka topic-partition into files, one open file per directory (from the
 * {@link Partitioner}) and row schema, so records of interleaved schema versions go to one open file per
 * version instead of a new file at every switch. The open files of the partition form one set: when the
 * rotation policy says any of them is due, all of them are completed together. That keeps every file's
 * content a function of the records alone (each set ends at the same record whichever file triggered it),
 * so a replay from the committed offset rewrites exactly the same objects, and it lets the partition's
 * offset be committed up to the end of the last completed set, never into an open file.
 */
final class TopicPartitionWriter {

    private final TopicPartition partition;
    private final ObjectStore store;
    private final RecordFormat format;
    private final ObjectNames names;
    private final RotationPolicy rotation;
    private final Partitioner partitioner;
    private final Optional<TimestampExtractor> recordTimes;
    private final Map<FileKey, OpenFile> open = new LinkedHashMap<>();
    private FileKey lastKey;
    private OpenFile lastFile;
    private Optional<Long> firstOffset = Optional.empty();
    private Optional<Long> handledUpTo = Optional.empty();

    TopicPartitionWriter(TopicPartition partition, ObjectStore store, RecordFormat format, ObjectNames names,
            RotationPolicy rotation, Partitioner partitioner, TimestampExtractor timestamps) {
        this.partition = partition;
        this.store = store;
        this.format = format;
        this.names = names;
        this.rotation = rotation;
        this.partitioner = partitioner;
        this.recordTimes = rotation.needsRecordTime() ? Optional.of(timestamps) : Optional.empty();
    }

    /**
     * Writes the row of one record at {@code offset}.
     *
     * @throws DataException if the record cannot be placed or the format cannot represent the row; nothing
     *     of it was written and it is not counted as handled
     * @throws ConnectException if the store fails
     */
    void write(SinkRecord record, Row row, long offset, Instant now) {
        String encoded = partitioner.encodePartition(record, now);
        Optional<Instant> recordTime = recordTimes.map(extractor -> extractor.extract(record, now));
        FileKey key = new FileKey(record.topic(), record.kafkaPartition(), encoded, row.schema());
        OpenFile file = find(key);
        if (file != null && recordTime.isPresent() && rotation.shouldRotateBefore(file.state(), recordTime.get())) {
            completeAll();
            file = null;
        }
        boolean started = false;
        try {
            if (file == null) {
                file = OpenFile.start(store, names.key(key.topic(), key.partition(), encoded, offset), format,
                        row.schema(), offset, now, recordTime);
                started = true;
                open.put(key, file);
                lastKey = key;
                lastFile = file;
            }
            file.write(row.value());
        } catch (DataException e) {
            if (started) {
                // A file is named by its first record: one that could not be written must not name it.
                abort(key);
            }
            throw e;
        } catch (IOException e) {
            throw new ConnectException("Cannot write object " + (file == null ? "(not started)" : file.key())
                    + " of " + partition + ": " + e, e);
        }
        handled(offset);
        if (rotation.shouldRotate(file.state(), now)) {
            completeAll();
        }
    }

    /** Counts a record that was skipped (ignored, or sent to the errant-record reporter) as handled. */
    void skip(long offset) {
        handled(offset);
    }

    /** Completes the open files if the rotation policy says the time of any of them has come. */
    void rotateIfDue(Instant now) {
        for (OpenFile file : open.values()) {
            if (rotation.shouldRotate(file.state(), now)) {
                completeAll();
                return;
            }
        }
    }

    /**
     * The offset up to which everything of this partition is in visible files or was skipped, if that is
     * past the first record this writer saw.
     */
    Optional<Long> committableOffset() {
        if (handledUpTo.isEmpty()) {
            return Optional.empty();
        }
        long committable = handledUpTo.get();
        for (OpenFile file : open.values()) {
            committable = Math.min(committable, file.startOffset());
        }
        return committable > firstOffset.orElseThrow() ? Optional.of(committable) : Optional.empty();
    }

    /**
     * The offset from which a replay rewrites everything of this partition that is not yet in visible files: the
     * first record of the oldest open (or failed) file, else the offset after the last handled record; empty before
     * the first record.
     */
    Optional<Long> replayFrom() {
        if (handledUpTo.isEmpty()) {
            return firstOffset;
        }
        long from = handledUpTo.get();
        for (OpenFile file : open.values()) {
            from = Math.min(from, file.startOffset());
        }
        return Optional.of(from);
    }

    /** Whether the record at {@code offset} was already handled, as records delivered again after a retry are. */
    boolean alreadyHandled(long offset) {
        return handledUpTo.isPresent() && offset < handledUpTo.get();
    }

    /** Discards the open files; their records will be delivered again from the committed offset. */
    void abort() {
        List<FileKey> keys = new ArrayList<>(open.keySet());
        ConnectException first = null;
        for (FileKey key : keys) {
            try {
                abort(key);
            } catch (ConnectException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void handled(long offset) {
        if (firstOffset.isEmpty()) {
            firstOffset = Optional.of(offset);
        }
        handledUpTo = Optional.of(Math.max(handledUpTo.orElse(offset + 1), offset + 1));
    }

    private OpenFile find(FileKey key) {
        // Most records go to the same file as the one before; compare the schema by identity first.
        if (lastFile != null && lastKey.sameAs(key)) {
            return lastFile;
        }
        return open.get(key);
    }

    private void abort(FileKey key) {
        OpenFile file = open.remove(key);
        forget(file);
        if (file == null) {
            return;
        }
        try {
            file.abort();
        } catch (IOException e) {
            throw new ConnectException("Cannot abort object " + file.key() + " of " + partition + ": " + e, e);
        }
    }

    private void completeAll() {
        List<OpenFile> files = new ArrayList<>(open.values());
        lastKey = null;
        lastFile = null;
        ConnectException failure = null;
        for (OpenFile file : files) {
            if (failure != null) {
                // The task fails with this error and replays the whole set from the committed offset, rewriting
                // the objects already completed under the same names; the rest only need releasing.
                abortQuietlyInto(file, failure);
                continue;
            }
            try {
                file.complete();
            } catch (IOException e) {
                failure = new ConnectException("Cannot complete object " + file.key() + " of " + partition + ": "
                        + e, e);
            }
        }
        if (failure != null) {
            // The failed set stays listed, so that nothing of it counts as committable and replayFrom() finds it.
            throw failure;
        }
        open.clear();
    }

    private static void abortQuietlyInto(OpenFile file, ConnectException failure) {
        try {
            file.abort();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void forget(OpenFile file) {
        if (file != null && file == lastFile) {
            lastKey = null;
            lastFile = null;
        }
    }

    /** Which open file a row goes to: the topic and partition that name it, its directory and its schema. */
    private record FileKey(String topic, int partition, String encodedPartition, Optional<Schema> schema) {

        FileKey {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(encodedPartition, "encodedPartition");
        }

        boolean sameAs(FileKey other) {
            return partition == other.partition && encodedPartition.equals(other.encodedPartition)
                    && topic.equals(other.topic) && (schema.orElse(null) == other.schema.orElse(null)
                            || schema.equals(other.schema));
        }
    }
}
