package io.fsconnect.source.objectstore;

import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's discovery loop: lists the store once per {@code poll.interval.ms} on its own thread,
 * keeps the keys the {@link KeyFilter} accepts, drops objects whose committed offset says they were
 * read to their end (for this very version; unless a post-read action must still delete or move them)
 * or that the {@link EmptyObjectProbe} finds hold no record at all, and turns the rest into a
 * {@link TaskAssignment}. It asks
 * for a task reconfiguration only when the new assignment holds an object the published one does not,
 * so finished objects never restart tasks, while new objects (whatever their key sorts like) and the
 * next round of a large backlog do. A listing that fails is retried next cycle; after
 * {@value #FAILURES_BEFORE_ERROR} failures in a row the error is raised to the connector.
 */
final class ListingMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ListingMonitor.class);
    static final int FAILURES_BEFORE_ERROR = 3;

    private final ObjectStore store;
    private final String storeId;
    private final KeyFilter filter;
    private final boolean keepFinished;
    private final EmptyObjectProbe emptyObjects;
    private final Duration interval;
    private final OffsetStorageReader offsets;
    private final Runnable requestReconfiguration;
    private final Consumer<Exception> raiseError;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch firstListing = new CountDownLatch(1);
    private boolean awaitingFirstListing = true;
    private final Thread thread;
    private List<SourceObject> pending = List.of();
    private TaskAssignment published;
    private int tasks;

    /**
     * @param keepFinished whether objects read to their end stay assigned while they exist, so that a
     *     task applies a post-read action that was interrupted (a task also applies it to an object holding no
     *     record, so then objects are not probed for records here)
     * @param emptyObjects recognises objects holding no record, which no offset can ever mark as read
     */
    ListingMonitor(ObjectStore store, String storeId, KeyFilter filter, boolean keepFinished,
            EmptyObjectProbe emptyObjects, Duration interval, OffsetStorageReader offsets, int tasks,
            Runnable requestReconfiguration, Consumer<Exception> raiseError) {
        this.store = store;
        this.storeId = storeId;
        this.filter = filter;
        this.keepFinished = keepFinished;
        this.emptyObjects = emptyObjects;
        this.interval = interval;
        this.offsets = offsets;
        this.tasks = tasks;
        this.published = TaskAssignment.empty(tasks);
        this.requestReconfiguration = requestReconfiguration;
        this.raiseError = raiseError;
        this.thread = new Thread(this::run, "object-store-source-listing-" + storeId);
        thread.setDaemon(true);
    }

    /**
     * Starts listing and waits up to {@code firstListingWait} for the first listing, so that the first
     * task configurations usually hold the objects present at start (rather than publishing an empty
     * assignment and replacing it a moment later, which would start, and with exactly-once support
     * fence, a generation of tasks for nothing). A first listing that takes longer, as for a bucket of
     * millions of objects, does not hold up the connector: it requests a reconfiguration when done.
     */
    void start(Duration firstListingWait) {
        thread.start();
        try {
            firstListing.await(firstListingWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                awaitingFirstListing = false;
            }
        }
    }

    /** The assignment to publish for {@code taskCount} tasks; recorded as the published one. */
    synchronized TaskAssignment assignment(int taskCount) {
        if (taskCount != tasks) {
            tasks = taskCount;
            published = TaskAssignment.of(pending, tasks);
        }
        return published;
    }

    private void run() {
        int failures = 0;
        do {
            try {
                cycle();
                failures = 0;
            } catch (IOException | UncheckedIOException | ConnectException e) {
                failures++;
                if (failures >= FAILURES_BEFORE_ERROR) {
                    raiseError.accept(new ConnectException("Cannot list objects under '" + filter.prefix() + "' in "
                            + storeId + ": " + failures + " listings in a row failed, the last with: " + e.getMessage(), e));
                    return;
                }
                log.warn("Cannot list objects under '{}' in {} (attempt {} of {}), retrying in {} ms: {}",
                        filter.prefix(), storeId, failures, FAILURES_BEFORE_ERROR, interval.toMillis(), e.getMessage());
            } finally {
                firstListing.countDown();
            }
        } while (!awaitStop(interval));
    }

    /** One listing; visible for tests of the discovery rules. */
    void cycle() throws IOException {
        List<SourceObject> matching = new ArrayList<>();
        for (ObjectInfo info : store.list(filter.prefix())) {
            if (filter.matches(info.key())) {
                matching.add(new SourceObject(info.key(), info.size(), info.lastModified().toEpochMilli()));
            }
        }
        Map<String, ObjectOffset> stored = OffsetLoader.load(offsets, storeId, matching);
        List<SourceObject> unfinished = new ArrayList<>();
        emptyObjects.startListing();
        for (SourceObject object : matching) {
            ObjectOffset offset = stored.get(object.key());
            boolean unread = offset == null || !object.sameVersion(offset);
            boolean finished = unread ? !keepFinished && emptyObjects.holdsNoRecord(object) : offset.done();
            if (keepFinished || !finished) {
                unfinished.add(object);
            }
        }
        emptyObjects.endListing();
        boolean reconfigure;
        synchronized (this) {
            pending = List.copyOf(unfinished);
            TaskAssignment next = TaskAssignment.of(pending, tasks);
            boolean changed = !published.objects().containsAll(next.objects());
            if (changed) {
                published = next;
            }
            // While start() still waits for this listing, the first task configs will carry it.
            reconfigure = changed && !awaitingFirstListing;
        }
        log.debug("Listed {} matching object(s) in {}, {} not read to their end", matching.size(), storeId,
                unfinished.size());
        if (reconfigure) {
            log.info("New objects to read in {}: publishing a new assignment of {} object(s) to {} task(s)", storeId,
                    unfinished.size(), tasks);
            requestReconfiguration.run();
        }
    }

    private boolean awaitStop(Duration timeout) {
        try {
            return stopSignal.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        stopSignal.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
