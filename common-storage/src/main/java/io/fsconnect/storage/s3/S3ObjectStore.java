package io.fsconnect.storage.s3;

import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.S3Encryption;
import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ObjectUpload;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An {@link ObjectStore} on an S3 bucket (or a bucket of an S3-compatible store), optionally confined to a key
 * prefix. Uploads stream as multipart uploads holding one part in memory and become visible on
 * CompleteMultipartUpload; objects smaller than a part are a single PutObject. Reads stream GetObject, listings
 * page through ListObjectsV2, and server-side encryption (SSE-S3, SSE-KMS, SSE-C) is applied to every request
 * that needs it. A store built with conditional writes also implements
 * {@link io.fsconnect.storage.SupportsCreateIfAbsent} through {@code If-None-Match: *}; it is only offered where
 * the server enforces that header (AWS S3 does; check an S3-compatible store before enabling it). The S3 client
 * is injected through {@link #builder(S3Client, String)} and stays the caller's; a store opened from a data
 * source owns and closes its client.
 */
public sealed class S3ObjectStore implements ObjectStore permits ConditionalS3ObjectStore {

    /** The part size unless configured otherwise. */
    public static final int DEFAULT_PART_SIZE_BYTES = 8 * 1024 * 1024;

    private static final int NOT_FOUND = 404;
    private static final int RANGE_NOT_SATISFIABLE = 416;

    final S3Client client;
    final S3StoreSettings settings;
    final SseHeaders sse;
    private final boolean ownsClient;

    S3ObjectStore(S3Client client, S3StoreSettings settings, boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = settings;
        this.sse = new SseHeaders(settings.encryption());
        this.ownsClient = ownsClient;
    }

    /** Starts describing a store on {@code bucket} reached through {@code client}, which the caller keeps owning. */
    public static Builder builder(S3Client client, String bucket) {
        return new Builder(client, bucket);
    }

    /**
     * Opens a store on an S3 data source with a client built from its region, endpoint, path-style setting and
     * credentials; the store owns the client. Used by {@link ObjectStores#open}.
     *
     * @throws IllegalArgumentException if the data source uses an authentication mode not supported yet
     */
    public static S3ObjectStore open(S3DataSource source, ObjectStores.Tuning tuning) {
        S3ClientFactory factory = new S3ClientFactory(source, tuning);
        S3StoreSettings settings = new S3StoreSettings(source.bucket(),
                S3StoreSettings.normalizePrefix(source.path().orElse("")), tuning.partSizeBytes(),
                tuning.listPageSize(), source.encryption(), factory.conditionalWrites(), factory.partChecksums());
        S3Client client = factory.build();
        return create(client, settings, true);
    }

    static S3ObjectStore create(S3Client client, S3StoreSettings settings, boolean ownsClient) {
        return settings.conditionalWrites() ? new ConditionalS3ObjectStore(client, settings, ownsClient)
                : new S3ObjectStore(client, settings, ownsClient);
    }

    @Override
    public ObjectUpload create(String key) throws IOException {
        return new S3Upload(client, settings, sse, key, objectKey(key), false);
    }

    @Override
    public InputStream open(String key) throws IOException {
        String objectKey = objectKey(key);
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(settings.bucket()).key(objectKey);
        try {
            return client.getObject(sse.apply(request).build());
        } catch (NoSuchKeyException e) {
            throw noSuchObject(key);
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                throw noSuchObject(key);
            }
            throw new IOException("Cannot open object " + key + " (" + location(objectKey) + "): " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("Cannot open object " + key + " (" + location(objectKey) + "): " + e.getMessage(), e);
        }
    }

    @Override
    public ObjectInfo stat(String key) throws IOException {
        String objectKey = objectKey(key);
        HeadObjectRequest.Builder request = HeadObjectRequest.builder().bucket(settings.bucket()).key(objectKey);
        try {
            HeadObjectResponse head = client.headObject(sse.apply(request).build());
            return new ObjectInfo(key, head.contentLength(), head.lastModified());
        } catch (NoSuchKeyException e) {
            throw noSuchObject(key);
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                throw noSuchObject(key);
            }
            throw new IOException("Cannot describe object " + key + " (" + location(objectKey) + "): "
                    + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("Cannot describe object " + key + " (" + location(objectKey) + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        ObjectStore.checkRange(key, offset, length);
        if (length == 0) {
            stat(key);
            return InputStream.nullInputStream();
        }
        String objectKey = objectKey(key);
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(settings.bucket()).key(objectKey)
                .range("bytes=" + offset + "-" + (offset + length - 1));
        try {
            return client.getObject(sse.apply(request).build());
        } catch (NoSuchKeyException e) {
            throw noSuchObject(key);
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                throw noSuchObject(key);
            }
            if (e.statusCode() == RANGE_NOT_SATISFIABLE) {
                // The offset is at or past the end of the object: nothing to read there.
                return InputStream.nullInputStream();
            }
            throw new IOException("Cannot open bytes " + offset + "-" + (offset + length - 1) + " of object " + key
                    + " (" + location(objectKey) + "): " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("Cannot open bytes " + offset + "-" + (offset + length - 1) + " of object " + key
                    + " (" + location(objectKey) + "): " + e.getMessage(), e);
        }
    }

    @Override
    public Iterable<ObjectInfo> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String listPrefix = settings.prefix() + prefix;
        return () -> new S3Listing(client, settings, listPrefix);
    }

    @Override
    public void delete(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            client.deleteObject(request -> request.bucket(settings.bucket()).key(objectKey));
        } catch (SdkException e) {
            throw new IOException("Cannot delete object " + key + " (" + location(objectKey) + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[s3://" + settings.bucket() + "/" + settings.prefix() + ", " + sse + "]";
    }

    /** The bucket key of a store key: the prefix plus the key, after checking the key is a plain relative path. */
    final String objectKey(String key) {
        Objects.requireNonNull(key, "key");
        String reason = null;
        if (key.isEmpty()) {
            reason = "a key must not be empty";
        } else if (key.startsWith("/")) {
            reason = "a key is a path relative to the store and must not start with '/'";
        } else {
            for (String segment : key.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    reason = "empty, '.' and '..' segments are not allowed";
                    break;
                }
            }
        }
        if (reason != null) {
            throw new IllegalArgumentException("Cannot use object key '" + key + "' in s3://" + settings.bucket()
                    + "/" + settings.prefix() + ": " + reason + ". Keys are '/'-separated relative paths.");
        }
        return settings.prefix() + key;
    }

    private NoSuchObjectException noSuchObject(String key) {
        return new NoSuchObjectException(key, "Cannot open object " + key + ": no such object in s3://"
                + settings.bucket() + "/" + settings.prefix());
    }

    private String location(String objectKey) {
        return "s3://" + settings.bucket() + "/" + objectKey;
    }

    /**
     * The settings of a store on an injected client. Part size, listing page size and encryption have S3's
     * usual defaults; conditional writes are off unless enabled, because not every S3-compatible store
     * enforces {@code If-None-Match}.
     */
    public static final class Builder {

        private final S3Client client;
        private final String bucket;
        private String prefix = "";
        private int partSizeBytes = DEFAULT_PART_SIZE_BYTES;
        private int listPageSize = S3StoreSettings.MAX_LIST_PAGE_SIZE;
        private Optional<S3Encryption> encryption = Optional.empty();
        private boolean conditionalWrites;
        private boolean partChecksums;

        private Builder(S3Client client, String bucket) {
            this.client = Objects.requireNonNull(client, "client");
            this.bucket = Objects.requireNonNull(bucket, "bucket");
        }

        /** Confines the store to keys under this directory of the bucket ("" for the whole bucket). */
        public Builder prefix(String directory) {
            this.prefix = S3StoreSettings.normalizePrefix(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /** The size of each multipart part, and so the memory each open upload holds; at least 5 MiB. */
        public Builder partSizeBytes(int partSizeBytes) {
            this.partSizeBytes = partSizeBytes;
            return this;
        }

        /** How many keys each ListObjectsV2 request asks for, 1 to 1000. */
        public Builder listPageSize(int listPageSize) {
            this.listPageSize = listPageSize;
            return this;
        }

        /** Server-side encryption of the objects written (and, for SSE-C, read). */
        public Builder encryption(S3Encryption encryption) {
            this.encryption = Optional.of(encryption);
            return this;
        }

        /** Offers create-if-absent through {@code If-None-Match: *}; enable only where the server enforces it. */
        public Builder conditionalWrites(boolean conditionalWrites) {
            this.conditionalWrites = conditionalWrites;
            return this;
        }

        /**
         * Sends a CRC32 with each part and repeats it on completion, as AWS S3 expects from clients that
         * calculate checksums; leave off for clients that calculate checksums only when required.
         */
        public Builder partChecksums(boolean partChecksums) {
            this.partChecksums = partChecksums;
            return this;
        }

        /**
         * The store.
         *
         * @throws IllegalArgumentException if a setting is out of range or the SSE-C key is malformed
         */
        public S3ObjectStore build() {
            return create(client, new S3StoreSettings(bucket, prefix, partSizeBytes, listPageSize, encryption,
                    conditionalWrites, partChecksums), false);
        }
    }
}
