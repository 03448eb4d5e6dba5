package io.fsconnect.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (password, key, token) that never shows itself: {@link #toString()} prints {@code [hidden]},
 * {@link #hashCode()} is the same for every secret and {@link #equals(Object)} compares in constant time, so
 * neither logs, exception messages nor hash-based collections reveal anything about the value. The value is
 * handed out only by {@link #reveal()}, which callers use at the single point where a client library needs it.
 */
public final class Secret {

    private static final String HIDDEN = "[hidden]";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps a secret value; the caller should drop its own reference to the plain string. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The plain value, for the one place that passes it to a client library. Never log it. */
    public String reveal() {
        return value;
    }

    /** Whether the value is empty, without revealing it. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                        secret.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        // A hash of the value would leak information about it; equal secrets need only equal hashes.
        return 0x5ec12e7;
    }

    @Override
    public String toString() {
        return HIDDEN;
    }
}
