package io.fsconnect.storage.s3;

import io.fsconnect.auth.S3Encryption;
import java.util.Objects;
import java.util.Optional;

/**
 * How one {@link S3ObjectStore} uses its bucket: the key prefix it is confined to ("" or ending in '/'),
 * the multipart part size, the listing page size, server-side encryption, whether conditional writes are
 * used for create-if-absent, and whether parts carry checksums that the completion must repeat.
 */
record S3StoreSettings(String bucket, String prefix, int partSizeBytes, int listPageSize,
                       Optional<S3Encryption> encryption, boolean conditionalWrites, boolean partChecksums) {

    /** S3 refuses smaller parts (except the last one). */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    /** S3 numbers parts 1 to 10,000. */
    static final int MAX_PARTS = 10_000;
    /** S3 returns at most this many keys per listing page. */
    static final int MAX_LIST_PAGE_SIZE = 1000;

    S3StoreSettings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(encryption, "encryption");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("Cannot use S3 bucket '" + bucket + "': the bucket name is empty");
        }
        if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("/"))) {
            throw new IllegalArgumentException("Cannot use key prefix '" + prefix + "' in bucket " + bucket
                    + ": a prefix must end with '/' and must not start with '/'");
        }
        if (partSizeBytes < MIN_PART_SIZE) {
            throw new IllegalArgumentException("Cannot use part size " + partSizeBytes + " for bucket " + bucket
                    + ": S3 needs parts of at least " + MIN_PART_SIZE + " bytes");
        }
        if (listPageSize < 1 || listPageSize > MAX_LIST_PAGE_SIZE) {
            throw new IllegalArgumentException("Cannot use listing page size " + listPageSize + " for bucket "
                    + bucket + ": it must be between 1 and " + MAX_LIST_PAGE_SIZE);
        }
    }

    /** Turns a data source's directory ("a/b", "/a/b/", "") into a key prefix ("a/b/" or ""). */
    static String normalizePrefix(String path) {
        String trimmed = path.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? "" : trimmed + "/";
    }
}
