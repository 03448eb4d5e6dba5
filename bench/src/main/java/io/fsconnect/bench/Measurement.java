package io.fsconnect.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Times one run of a connector or a baseline the same way for both: from the first record entering the
 * flow ({@link FirstRecordClock}) to the moment a probe first sees every record landed (topic end
 * offsets, or complete files). The work runs on its own thread while this thread probes, so a probe's
 * interval bounds the error of the end time for connector and baseline alike.
 */
final class Measurement {

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-work");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Starts {@code work}, waits until {@code landed} holds, and returns the seconds from the first
     * record to then.
     *
     * @throws IllegalStateException if the work fails, or nothing lands within {@code timeout}
     */
    double seconds(String what, Callable<?> work, BooleanSupplier landed, Duration probeInterval,
                   Duration timeout) {
        FirstRecordClock.reset();
        long deadline = System.nanoTime() + timeout.toNanos();
        Future<?> running = worker.submit(work);
        while (true) {
            if (landed.getAsBoolean()) {
                long end = System.nanoTime();
                awaitWork(what, running, deadline);
                long first = FirstRecordClock.firstNanos().orElseThrow(() -> new IllegalStateException(
                        "Cannot time " + what + ": every record landed but none passed the first-record clock;"
                                + " is the clock transformation configured?"));
                return (end - first) / 1e9;
            }
            if (System.nanoTime() > deadline) {
                running.cancel(true);
                throw new IllegalStateException("Cannot time " + what + ": not every record landed within "
                        + timeout.toSeconds() + " s");
            }
            pause(what, running, probeInterval);
        }
    }

    /** Waits for the work itself to end, which it does soon after its last record landed. */
    private static void awaitWork(String what, Future<?> running, long deadline) {
        try {
            running.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot time " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new IllegalStateException("Cannot time " + what + ": its work did not end after every record landed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot time " + what + ": interrupted", e);
        }
    }

    /** Waits one probe interval, failing at once if the work failed meanwhile. */
    private static void pause(String what, Future<?> running, Duration probeInterval) {
        try {
            if (running.isDone()) {
                running.get();
                TimeUnit.NANOSECONDS.sleep(probeInterval.toNanos());
            } else {
                running.get(probeInterval.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            // The work is still running: the interval has passed, probe again.
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot time " + what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot time " + what + ": interrupted", e);
        }
    }

    void shutdown() {
        worker.shutdownNow();
    }
}
