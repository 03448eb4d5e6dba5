package io.fsconnect.source.objectstore;

import io.fsconnect.storage.ObjectStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * The task of {@link ObjectStoreSourceConnector}: reads the objects its configuration assigns it with an
 * {@link AssignedObjectsReader}, resuming each from its committed offset. {@link #poll()} returns within
 * about a second when there is nothing to read, since the worker calls {@code stop()} only after it
 * returns. An object's post-read action runs in {@link #commit()}, once the record that finished the
 * object has been acknowledged ({@link #commitRecord}) and the offsets of the batch are committed (with
 * exactly-once support: the transaction holding the record); objects finished with no record to wait
 * for (their committed offset already said "done" when the task started, or they hold no record) get
 * their action at once, on the polling thread.
 */
public class ObjectStoreSourceTask extends SourceTask {

    private static final long IDLE_WAIT_MS = 1_000L;

    private final ReentrantLock readerLock = new ReentrantLock();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Queue<String> finished = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    private ObjectStore store;
    private AssignedObjectsReader reader;
    private PostReadHandler postRead;
    private int batchMaxRows;

    @Override
    public String version() {
        return Version.current();
    }

    @Override
    public void start(Map<String, String> props) {
        ObjectStoreSourceConfig config = new ObjectStoreSourceConfig(props);
        StoreSpec spec = config.store();
        List<SourceObject> objects = TaskAssignment.objectsOf(props);
        Map<String, ObjectOffset> offsets = OffsetLoader.load(context.offsetStorageReader(), spec.id(), objects);
        try {
            store = spec.open();
        } catch (IOException e) {
            throw new ConnectException("Cannot open the object store " + spec.id() + ": " + e.getMessage(), e);
        }
        batchMaxRows = config.batchMaxRows();
        postRead = new PostReadHandler(store, config.postReadAction(), config.movePrefix());
        SourceRecordBuilder builder = config.inputEnvelope()
                ? SourceRecordBuilder.restoringEnvelopes(spec.id(), config.topics())
                : new SourceRecordBuilder(spec.id(), config.topics(), config.primaryKeyColumns(),
                        config.eventTimeColumn());
        readerLock.lock();
        try {
            reader = new AssignedObjectsReader(objects, offsets, new ObjectOpener(store, config.readerFormat()), builder,
                    config.badRecordPolicy(), object -> applyPostRead(object.key()));
        } finally {
            readerLock.unlock();
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        readerLock.lock();
        try {
            if (stopping) {
                return null;
            }
            List<SourceRecord> records = reader.readBatch(batchMaxRows);
            if (records.isEmpty()) {
                stopSignal.await(IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
                return null;
            }
            return records;
        } catch (IOException e) {
            throw new ConnectException("Cannot read from the object store: " + e.getMessage(), e);
        } finally {
            if (stopping) {
                release();
            }
            readerLock.unlock();
        }
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (Boolean.TRUE.equals(record.sourceOffset().get(ObjectOffset.DONE_KEY))) {
            finished.add((String) record.sourcePartition().get(SourceObject.OBJECT_KEY));
        }
    }

    @Override
    public void commit() {
        if (postRead == null || !postRead.active()) {
            finished.clear();
            return;
        }
        for (String key = finished.poll(); key != null; key = finished.poll()) {
            applyPostRead(key);
        }
    }

    private void applyPostRead(String key) {
        try {
            postRead.finished(key);
        } catch (IOException e) {
            throw new ConnectException("Cannot apply " + ObjectStoreSourceConfig.POST_READ_ACTION + " to object "
                    + key + ": " + e.getMessage() + "; it was read completely and will be retried when the task"
                    + " restarts", e);
        }
    }

    @Override
    public void stop() {
        stopping = true;
        stopSignal.countDown();
        if (readerLock.tryLock()) {
            try {
                release();
            } finally {
                readerLock.unlock();
            }
        }
    }

    private void release() {
        try {
            if (reader != null) {
                reader.close();
            }
            if (store != null) {
                store.close();
            }
        } catch (IOException e) {
            throw new ConnectException("Cannot release the task's object store: " + e.getMessage(), e);
        } finally {
            reader = null;
            store = null;
        }
    }
}
