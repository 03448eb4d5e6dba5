package io.fsconnect.source.objectstore;

import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderException;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a task's objects one after the other into source records, each carrying the offset to resume
 * from after it. An object is resumed at the record index of its committed offset when that offset
 * belongs to the same version of the object, and skipped when it says the object was read to its end.
 * Each record is held back until the next one has been read, so that the last record of an object can
 * carry {@code done=true}: the object is finished exactly when that record's offset is committed.
 * Malformed records and unreadable files follow the {@link BadRecordPolicy}; skipped records are
 * logged at WARN with the object and position and counted. An object that is gone when its turn
 * comes was deleted on purpose by someone and is passed over. An object that ends without yielding a
 * record in this read (a header-only CSV, an empty JSON Lines file, a Parquet file of zero rows, or a
 * remainder of bad records skipped) has no record to carry {@code done=true}, since Kafka Connect commits
 * offsets only with records: it is reported as finished at once instead, so that the task applies the
 * post-read action and does not read it again. Used by one thread.
 */
final class AssignedObjectsReader implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(AssignedObjectsReader.class);

    private record Held(SchemaAndValue value, long index) {
    }

    private final Deque<SourceObject> queue;
    private final Map<String, ObjectOffset> offsets;
    private final ObjectOpener opener;
    private final SourceRecordBuilder builder;
    private final BadRecordPolicy policy;
    private final Consumer<SourceObject> finishedWithoutRecord;
    private SourceObject current;
    private RecordReader reader;
    private Held held;
    private boolean yieldedRecord;
    private long skippedRecords;

    /**
     * @param offsets committed offsets of the objects, by key
     * @param finishedWithoutRecord told about each object that is finished with no record to say so: its
     *     committed offset says it was read to its end, or it ended cleanly without yielding a record
     */
    AssignedObjectsReader(List<SourceObject> objects, Map<String, ObjectOffset> offsets, ObjectOpener opener,
            SourceRecordBuilder builder, BadRecordPolicy policy, Consumer<SourceObject> finishedWithoutRecord) {
        this.queue = new ArrayDeque<>(objects);
        this.offsets = Map.copyOf(offsets);
        this.opener = opener;
        this.builder = builder;
        this.policy = policy;
        this.finishedWithoutRecord = finishedWithoutRecord;
    }

    /** Up to {@code max} records; empty when every object has been read. */
    List<SourceRecord> readBatch(int max) throws IOException {
        List<SourceRecord> out = new ArrayList<>();
        while (out.size() < max) {
            if (reader == null && !openNext()) {
                break;
            }
            long before = reader.position();
            Optional<SchemaAndValue> next;
            boolean endedCleanly = true;
            try {
                next = reader.next();
            } catch (RecordReaderException e) {
                badInput(e.position(), e.getMessage(), e);
                if (e.canContinue()) {
                    continue;
                }
                next = Optional.empty();
                endedCleanly = false;
            }
            if (next.isPresent()) {
                if (held != null) {
                    emit(out, held, before, false);
                }
                held = new Held(next.get(), before);
            } else {
                if (held != null) {
                    emit(out, held, reader.position(), true);
                }
                if (!yieldedRecord && endedCleanly) {
                    log.info("Object {} yields no record from record {} on: it counts as read to its end",
                            current.key(), reader.position());
                    finishedWithoutRecord.accept(current);
                }
                closeCurrent();
            }
        }
        return out;
    }

    /** Whether every assigned object has been read (or passed over). */
    boolean exhausted() {
        return reader == null && queue.isEmpty();
    }

    /** How many records were skipped as bad since the task started. */
    long skippedRecords() {
        return skippedRecords;
    }

    private boolean openNext() throws IOException {
        while (!queue.isEmpty()) {
            SourceObject object = queue.poll();
            ObjectOffset offset = offsets.get(object.key());
            boolean sameVersion = offset != null && object.sameVersion(offset);
            if (sameVersion && offset.done()) {
                finishedWithoutRecord.accept(object);
                continue;
            }
            if (offset != null && !sameVersion) {
                log.info("Object {} was rewritten since it was read (size {} -> {}, mtime {} -> {}): reading it again"
                        + " from its first record", object.key(), offset.size(), object.size(),
                        offset.lastModifiedMillis(), object.lastModifiedMillis());
            }
            current = object;
            long start = sameVersion ? offset.record() : 0;
            if (start > 0) {
                log.info("Resuming object {} at record {}", object.key(), start);
            }
            try {
                reader = opener.open(object.key());
                reader.skipTo(start);
                held = null;
                yieldedRecord = false;
                return true;
            } catch (NoSuchObjectException e) {
                log.info("Object {} no longer exists; passing over it", object.key());
                closeCurrent();
            } catch (RecordReaderException e) {
                badInput(e.position(), e.getMessage(), e);
                closeCurrent();
            }
        }
        return false;
    }

    private void emit(List<SourceRecord> out, Held record, long resumeAt, boolean done) {
        try {
            out.add(builder.build(current, record.value(), ObjectOffset.of(current, resumeAt, done)));
            yieldedRecord = true;
        } catch (DataException e) {
            badInput(record.index(), e.getMessage(), e);
        }
    }

    private void badInput(long position, String reason, RuntimeException cause) {
        if (policy == BadRecordPolicy.FAIL) {
            throw new ConnectException("Cannot read object " + current.key() + " at record " + position + ": " + reason
                    + ". Fix or remove the object, or set " + ObjectStoreSourceConfig.BAD_RECORD_POLICY
                    + "=skip to log and skip bad records", cause);
        }
        skippedRecords++;
        log.warn("Skipping bad input in object {} at record {} ({} skipped by this task so far): {}", current.key(),
                position, skippedRecords, reason);
    }

    private void closeCurrent() throws IOException {
        RecordReader closing = reader;
        reader = null;
        held = null;
        if (closing != null) {
            closing.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }
}
