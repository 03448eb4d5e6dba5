package io.fsconnect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live heap, measured by forcing full collections: {@link #settledMb()} once, or {@link #sample} every
 * interval on a thread of its own until closed, keeping the highest value. After a young collection the heap
 * still holds every dead object already promoted to the old generation, so only a full collection tells
 * what is really retained; forcing one costs a pause, so a sampled run is never a timed one.
 */
final class LiveHeap implements AutoCloseable {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final AtomicLong peakBytes = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-live-heap");
        thread.setDaemon(true);
        return thread;
    });

    private LiveHeap() {
    }

    /** The heap in use right after a full collection (two, so that finalizable objects go too), in MiB. */
    static long settledMb() {
        MEMORY.gc();
        MEMORY.gc();
        return MEMORY.getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    /** Starts forcing a full collection every {@code interval}, noting the heap in use right after each. */
    static LiveHeap sample(Duration interval) {
        LiveHeap heap = new LiveHeap();
        heap.sampler.scheduleWithFixedDelay(heap::sampleOnce, 0L, interval.toMillis(), TimeUnit.MILLISECONDS);
        return heap;
    }

    private void sampleOnce() {
        MEMORY.gc();
        peakBytes.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
    }

    /** The highest live heap seen so far, in MiB. */
    long peakMb() {
        return peakBytes.get() / (1024 * 1024);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
