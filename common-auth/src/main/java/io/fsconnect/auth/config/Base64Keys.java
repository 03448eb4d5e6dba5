package io.fsconnect.auth.config;

import io.fsconnect.auth.Secret;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/** Checks on base64-encoded customer-supplied encryption keys, without ever putting a key into a message. */
final class Base64Keys {

    private Base64Keys() {
    }

    static boolean isAes256(Secret key) {
        return decode(key.reveal()).map(bytes -> bytes.length == 32).orElse(false);
    }

    /** Whether {@code hash} is the base64 SHA-256 digest of the base64 {@code key}. */
    static boolean hashMatches(Secret key, String hash) {
        Optional<byte[]> keyBytes = decode(key.reveal());
        Optional<byte[]> hashBytes = decode(hash);
        if (keyBytes.isEmpty() || hashBytes.isEmpty()) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes.get());
            return MessageDigest.isEqual(digest, hashBytes.get());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot check encryption key hash: the JVM has no SHA-256", e);
        }
    }

    private static Optional<byte[]> decode(String base64) {
        try {
            return Optional.of(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
