package io.fsconnect.auth.aws;

import io.fsconnect.auth.Secret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A keyed digest (HMAC-SHA256 under a random key made once per class loader) of secret values, so that cache keys
 * can tell equal secrets apart from different ones without holding them. The random key means a digest found in a
 * heap dump or a log cannot be checked against guessed secrets offline, nor compared across processes.
 */
final class SecretDigest {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] KEY = randomKey();

    private SecretDigest() {
    }

    /** The hex digest of the secrets' values, in order; equal sequences give equal digests. */
    static String of(Secret... secrets) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(KEY, ALGORITHM));
            for (Secret secret : secrets) {
                byte[] value = secret.reveal().getBytes(StandardCharsets.UTF_8);
                // The length prefix keeps ("ab","c") and ("a","bc") apart.
                mac.update(new byte[] {(byte) (value.length >>> 24), (byte) (value.length >>> 16),
                        (byte) (value.length >>> 8), (byte) value.length});
                mac.update(value);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot digest a secret: " + ALGORITHM + " is unavailable in this JVM", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
