package io.fsconnect.sink;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.format.RecordFormat;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Writes the records of one topic-partition into a sequence of files, at most one open at a time, and
 * knows how far the partition's offsets may be committed: up to the end of the last file that is
 * complete and visible, never into the open one. A record whose topic or value schema differs from the
 * open file's closes that file and starts a new one (so topics that interleave schema versions produce
 * small files; a later version will keep one file per schema open).
 */
final class TopicPartitionWriter {

    private final TopicPartition partition;
    private final ObjectStore store;
    private final RecordFormat format;
    private final ObjectNames names;
    private final RotationPolicy rotation;
    private OpenFile open;
    private Optional<Long> committable = Optional.empty();

    TopicPartitionWriter(TopicPartition partition, ObjectStore store, RecordFormat format, ObjectNames names,
            RotationPolicy rotation) {
        this.partition = partition;
        this.store = store;
        this.format = format;
        this.names = names;
        this.rotation = rotation;
    }

    /**
     * Writes one record whose value has already been checked to be a struct with a schema.
     *
     * @throws DataException if the format cannot represent the value; nothing of it was written
     * @throws ConnectException if the store fails
     */
    void write(SinkRecord record, long offset, Instant now) {
        if (open != null && !open.accepts(record.topic(), record.valueSchema())) {
            complete();
        }
        try {
            if (open == null) {
                TopicPartition named = new TopicPartition(record.topic(), record.kafkaPartition());
                open = OpenFile.start(store, names.key(named, offset), format, record.topic(), record.valueSchema(),
                        offset, now);
            }
            open.write(record.value(), offset);
        } catch (DataException e) {
            if (open != null && open.isEmpty()) {
                // A file is named by its first record: one that could not be written must not name it.
                abort();
            }
            throw e;
        } catch (IOException e) {
            throw new ConnectException("Cannot write object " + keyForMessage() + " of " + partition + ": " + e, e);
        }
        rotateIfDue(now);
    }

    /** Counts a record that was sent to the errant-record reporter as handled. */
    void skip(long offset) {
        if (open != null) {
            open.cover(offset);
        } else {
            committable = Optional.of(offset + 1);
        }
    }

    /** Completes the open file if the rotation policy says its time has come. */
    void rotateIfDue(Instant now) {
        if (open != null && rotation.shouldRotate(open.state(), now)) {
            complete();
        }
    }

    /** The offset up to which everything of this partition is in visible files or was reported. */
    Optional<Long> committableOffset() {
        return committable;
    }

    /** Discards the open file, if any; its records will be delivered again from the committed offset. */
    void abort() {
        if (open == null) {
            return;
        }
        OpenFile file = open;
        open = null;
        try {
            file.abort();
        } catch (IOException e) {
            throw new ConnectException("Cannot abort object " + file.key() + " of " + partition + ": " + e, e);
        }
    }

    private void complete() {
        OpenFile file = open;
        open = null;
        try {
            committable = Optional.of(file.complete());
        } catch (IOException e) {
            throw new ConnectException("Cannot complete object " + file.key() + " of " + partition + ": " + e, e);
        }
    }

    private String keyForMessage() {
        return open == null ? "(not started)" : open.key();
    }
}
