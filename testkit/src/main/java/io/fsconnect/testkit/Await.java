package io.fsconnect.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for a condition with a deadline instead of sleeping for a fixed time. The condition is
 * probed at once and then at short, growing intervals (10 ms up to 250 ms) until it holds or the
 * timeout passes; on timeout an {@link AssertionError} names what was awaited and, where a
 * description of the last observation is supplied, what was seen last. An exception thrown by a
 * probe is not swallowed: it ends the wait and propagates, so a broken probe fails fast.
 */
public final class Await {

    private static final long FIRST_PAUSE_MS = 10;
    private static final long LONGEST_PAUSE_MS = 250;

    private Await() {
    }

    /** Waits until {@code condition} holds; fails naming {@code what} when {@code timeout} passes first. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /**
     * Waits until {@code condition} holds; on timeout the failure names {@code what} and adds
     * {@code lastSeen}, asked once after the last probe (e.g. the last status a worker reported).
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> lastSeen) {
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), lastSeen);
    }

    /** Waits until {@code probe} yields a value and returns it; fails naming {@code what} on timeout. */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        return value(what, timeout, probe, () -> "");
    }

    /** Like {@link #value(String, Duration, Supplier)}, adding {@code lastSeen} to the timeout failure. */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMs = FIRST_PAUSE_MS;
        while (true) {
            Optional<T> result = probe.get();
            if (result.isPresent()) {
                return result.get();
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                String seen = lastSeen.get();
                throw new AssertionError("Timed out after " + describe(timeout) + " waiting for " + what
                        + (seen.isEmpty() ? "" : "; last seen: " + seen));
            }
            pause(Math.min(pauseMs, leftMs), what);
            pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS);
        }
    }

    private static void pause(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot wait for " + what + ": the thread was interrupted", e);
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
