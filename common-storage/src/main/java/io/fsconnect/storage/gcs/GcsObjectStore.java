package io.fsconnect.storage.gcs;

import com.google.api.gax.paging.Page;
import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.gcp.GoogleCredentialsLoader;
import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.SupportsCreateIfAbsent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An {@link ObjectStore} on a Google Cloud Storage bucket, optionally below a prefix. {@link #create(String)} streams
 * through a resumable upload: the SDK's write channel sends a chunk of {@link Settings#chunkBytes()} whenever one
 * fills, so an upload holds at most about one chunk in memory, and the object is created only when the last chunk is
 * sent by {@link ObjectUpload#close()}. {@link ObjectUpload#abort()} never finalizes the session, so no object
 * appears; the client library cannot cancel a session, so GCS drops it when it expires. {@link #createIfAbsent}
 * sends the {@code ifGenerationMatch=0} precondition, which GCS checks atomically when the object would be created;
 * the loser gets an {@link io.fsconnect.storage.ObjectExistsException}. With a customer-supplied encryption key
 * every object is written encrypted with that key and read with it; GCS refuses reads without it. Reads are pinned to
 * the generation that was current when the object was opened, so a concurrent replace never mixes two versions.
 * The {@link Storage} client is injectable; a store closes only a client it built itself.
 */
public final class GcsObjectStore implements ObjectStore, SupportsCreateIfAbsent {

    /** The chunk size used unless configured: the memory one open upload needs. */
    public static final int DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
    /** GCS accepts non-final chunks only in multiples of this size. */
    public static final int CHUNK_GRANULARITY = 256 * 1024;
    /** The largest page GCS returns for an object listing. */
    public static final int DEFAULT_LIST_PAGE_SIZE = 1000;

    static final int PRECONDITION_FAILED = 412;
    private static final int NOT_FOUND = 404;
    private static final int MAX_NAME_BYTES = 1024;

    private final Storage storage;
    private final boolean ownsClient;
    private final Settings settings;
    private final String location;

    /**
     * Where and how a {@link GcsObjectStore} keeps its objects.
     *
     * @param bucket the bucket's name
     * @param prefix the folder inside the bucket that keys are relative to; empty for the whole bucket
     * @param encryption a customer-supplied AES-256 key used for every write and read
     * @param chunkBytes the resumable-upload chunk size, a positive multiple of {@value #CHUNK_GRANULARITY}
     * @param listPageSize how many objects one listing request asks for, 1 to 1000
     */
    public record Settings(String bucket, String prefix, Optional<GcsDataSource.CustomerKey> encryption,
                           int chunkBytes, int listPageSize) {

        public Settings {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(encryption, "encryption");
            if (bucket.isEmpty() || bucket.contains("/")) {
                throw new IllegalArgumentException("Cannot use bucket name '" + bucket + "' for GCS: give the bare "
                        + "bucket name, without gs:// or a path");
            }
            prefix = prefix.replaceAll("^/+", "");
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix = prefix + "/";
            }
            if (chunkBytes <= 0 || chunkBytes % CHUNK_GRANULARITY != 0) {
                throw new IllegalArgumentException("Cannot use a resumable-upload chunk size of " + chunkBytes
                        + " bytes for GCS: it must be a positive multiple of " + CHUNK_GRANULARITY + " bytes (256 KiB)");
            }
            if (listPageSize < 1 || listPageSize > DEFAULT_LIST_PAGE_SIZE) {
                throw new IllegalArgumentException("Cannot list GCS objects " + listPageSize + " at a time: the page "
                        + "size must be between 1 and " + DEFAULT_LIST_PAGE_SIZE);
            }
        }

        /** The whole bucket, no encryption key, default chunk and page sizes. */
        public static Settings of(String bucket) {
            return new Settings(bucket, "", Optional.empty(), DEFAULT_CHUNK_BYTES, DEFAULT_LIST_PAGE_SIZE);
        }

        /** The bucket, prefix and encryption key of a data source, with the given chunk size. */
        public static Settings of(GcsDataSource source, int chunkBytes) {
            return new Settings(source.bucket(), source.path().orElse(""), source.encryption(), chunkBytes,
                    DEFAULT_LIST_PAGE_SIZE);
        }

        public Settings withPrefix(String newPrefix) {
            return new Settings(bucket, newPrefix, encryption, chunkBytes, listPageSize);
        }

        public Settings withEncryption(GcsDataSource.CustomerKey key) {
            return new Settings(bucket, prefix, Optional.of(key), chunkBytes, listPageSize);
        }

        public Settings withChunkBytes(int newChunkBytes) {
            return new Settings(bucket, prefix, encryption, newChunkBytes, listPageSize);
        }

        public Settings withListPageSize(int newListPageSize) {
            return new Settings(bucket, prefix, encryption, chunkBytes, newListPageSize);
        }

        @Override
        public String toString() {
            // The key is a Secret and prints hidden; say only whether one is set.
            return "Settings[bucket=" + bucket + ", prefix=" + prefix + ", encryption="
                    + (encryption.isPresent() ? "customer-supplied key" : "none") + ", chunkBytes=" + chunkBytes
                    + ", listPageSize=" + listPageSize + "]";
        }
    }

    /** A store on {@code storage}, which the caller keeps owning (and closes). */
    public GcsObjectStore(Storage storage, Settings settings) {
        this(storage, false, settings);
    }

    private GcsObjectStore(Storage storage, boolean ownsClient, Settings settings) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.ownsClient = ownsClient;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.location = "gs://" + settings.bucket() + "/" + settings.prefix();
    }

    /**
     * A store on the bucket of {@code source}, with a client built from its credentials and endpoint; closing the
     * store closes that client. Where a {@link GcsClientProvider} is registered with the class loader of this plugin,
     * it supplies the client from the same options instead, and keeps owning it. Uploads send chunks of the tuning's part size; each request is tried up to the
     * tuning's attempts, waiting exponentially longer from its backoff between tries (the client library retries only
     * what it knows to be transient, such as 429, 5xx and lost connections, and only idempotent requests; a 403 is
     * never retried).
     *
     * @throws org.apache.kafka.common.config.ConfigException if the source's service-account key is unusable
     * @throws IOException if Application Default Credentials are selected and the environment has none
     * @throws IllegalStateException if more than one {@link GcsClientProvider} is registered
     */
    public static GcsObjectStore connect(GcsDataSource source, ObjectStores.Tuning tuning) throws IOException {
        Settings settings = Settings.of(source, tuning.partSizeBytes());
        GoogleCredentials credentials = new GoogleCredentialsLoader().load(source.auth());
        StorageOptions.Builder options = StorageOptions.http().setCredentials(credentials)
                .setRetrySettings(retrySettings(tuning));
        source.endpoint().ifPresent(endpoint -> options.setHost(endpoint.toString()));
        if (credentials instanceof ServiceAccountCredentials account && account.getProjectId() != null) {
            // Object operations need no project, but without one the client may probe the metadata server for it.
            options.setProjectId(account.getProjectId());
        }
        Optional<GcsClientProvider> provider = provider();
        if (provider.isPresent()) {
            return new GcsObjectStore(provider.get().client(source, options.build()), false, settings);
        }
        return new GcsObjectStore(options.build().getService(), true, settings);
    }

    /** The one registered client provider, if any; looked up on each open, which is rare. */
    private static Optional<GcsClientProvider> provider() {
        List<GcsClientProvider> providers = ServiceLoader.load(GcsClientProvider.class,
                GcsClientProvider.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
        if (providers.size() > 1) {
            throw new IllegalStateException("Cannot choose a GCS client: " + providers.size() + " implementations of "
                    + GcsClientProvider.class.getName() + " are registered ("
                    + providers.stream().map(p -> p.getClass().getName()).sorted().toList()
                    + "); keep at most one in the plugin's directory");
        }
        return providers.stream().findFirst();
    }

    private static RetrySettings retrySettings(ObjectStores.Tuning tuning) {
        java.time.Duration maxDelay = tuning.retryBackoff().compareTo(ObjectStores.Tuning.MAX_RETRY_BACKOFF) > 0
                ? tuning.retryBackoff() : ObjectStores.Tuning.MAX_RETRY_BACKOFF;
        // The attempts, not a total deadline, bound the retries: a large chunk may take long to send.
        return StorageOptions.getDefaultRetrySettings().toBuilder()
                .setMaxAttempts(tuning.maxAttempts())
                .setInitialRetryDelayDuration(tuning.retryBackoff())
                .setRetryDelayMultiplier(2.0)
                .setMaxRetryDelayDuration(maxDelay)
                .setTotalTimeoutDuration(java.time.Duration.ZERO)
                .build();
    }

    @Override
    public ObjectUpload create(String key) throws IOException {
        return startUpload(key, false);
    }

    @Override
    public ObjectUpload createIfAbsent(String key) throws IOException {
        return startUpload(key, true);
    }

    private ObjectUpload startUpload(String key, boolean ifAbsent) throws IOException {
        BlobInfo blob = BlobInfo.newBuilder(BlobId.of(settings.bucket(), name(key))).build();
        List<Storage.BlobWriteOption> options = new ArrayList<>(2);
        if (ifAbsent) {
            options.add(Storage.BlobWriteOption.doesNotExist());
        }
        settings.encryption().ifPresent(k -> options.add(Storage.BlobWriteOption.encryptionKey(k.key().reveal())));
        try {
            WriteChannel channel = storage.writer(blob, options.toArray(Storage.BlobWriteOption[]::new));
            channel.setChunkSize(settings.chunkBytes());
            return new GcsUpload(key, location, ifAbsent, channel);
        } catch (StorageException e) {
            throw new IOException("Cannot start upload of object " + key + " to " + location + ": " + reason(e), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        Blob blob = existing(key, "open");
        List<Storage.BlobSourceOption> options = new ArrayList<>(1);
        settings.encryption().ifPresent(k -> options.add(Storage.BlobSourceOption.decryptionKey(k.key().reveal())));
        try {
            ReadChannel channel = storage.reader(BlobId.of(settings.bucket(), blob.getName(), blob.getGeneration()),
                    options.toArray(Storage.BlobSourceOption[]::new));
            return new GcsReadStream(key, location, channel);
        } catch (StorageException e) {
            throw new IOException("Cannot open object " + key + " in " + location + ": " + reason(e), e);
        }
    }

    @Override
    public ObjectInfo stat(String key) throws IOException {
        Blob blob = existing(key, "describe");
        OffsetDateTime updated = blob.getUpdateTimeOffsetDateTime();
        if (updated == null) {
            throw new IOException("Cannot describe object " + key + " in " + location + ": the store gave no update"
                    + " time");
        }
        return new ObjectInfo(key, blob.getSize(), updated.toInstant());
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        ObjectStore.checkRange(key, offset, length);
        Blob blob = existing(key, "open");
        if (offset >= blob.getSize() || length == 0) {
            return InputStream.nullInputStream();
        }
        List<Storage.BlobSourceOption> options = new ArrayList<>(1);
        settings.encryption().ifPresent(k -> options.add(Storage.BlobSourceOption.decryptionKey(k.key().reveal())));
        try {
            // Pinned to the generation just looked up, so a concurrent replace cannot mix two versions.
            ReadChannel channel = storage.reader(BlobId.of(settings.bucket(), blob.getName(), blob.getGeneration()),
                    options.toArray(Storage.BlobSourceOption[]::new));
            channel.seek(offset);
            channel.limit(Math.min(blob.getSize(), offset + length));
            return new GcsReadStream(key, location, channel);
        } catch (StorageException e) {
            throw new IOException("Cannot open object " + key + " in " + location + ": " + reason(e), e);
        }
    }

    /** The current generation of the object at {@code key}, for an operation named by {@code verb}. */
    private Blob existing(String key, String verb) throws IOException {
        BlobId id = BlobId.of(settings.bucket(), name(key));
        Blob blob;
        try {
            blob = storage.get(id);
        } catch (StorageException e) {
            throw new IOException("Cannot " + verb + " object " + key + " in " + location + ": " + reason(e), e);
        }
        if (blob == null || blob.getSize() == null) {
            throw new NoSuchObjectException(key, "Cannot " + verb + " object " + key + ": no such object in "
                    + location);
        }
        return blob;
    }

    @Override
    public Iterable<ObjectInfo> list(String prefix) throws IOException {
        Objects.requireNonNull(prefix, "prefix");
        Page<Blob> first;
        try {
            first = storage.list(settings.bucket(), Storage.BlobListOption.prefix(settings.prefix() + prefix),
                    Storage.BlobListOption.pageSize(settings.listPageSize()),
                    Storage.BlobListOption.fields(Storage.BlobField.NAME, Storage.BlobField.SIZE,
                            Storage.BlobField.UPDATED));
        } catch (StorageException e) {
            throw new IOException("Cannot list objects with prefix '" + prefix + "' in " + location + ": "
                    + reason(e), e);
        }
        return () -> new Listing(first.iterateAll().iterator(), prefix);
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            storage.delete(BlobId.of(settings.bucket(), name(key)));
        } catch (StorageException e) {
            throw new IOException("Cannot delete object " + key + " in " + location + ": " + reason(e), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!ownsClient) {
            return;
        }
        try {
            storage.close();
        } catch (Exception e) {
            throw new IOException("Cannot close the GCS client of " + location + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "GcsObjectStore[" + location + "]";
    }

    /** The object name of a key: the prefix plus the key, after checking that GCS can hold it. */
    private String name(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw badKey(key, "a key must not be empty");
        }
        if (key.startsWith("/")) {
            throw badKey(key, "a key is a path relative to the store's prefix and must not start with '/'");
        }
        if (key.indexOf('\r') >= 0 || key.indexOf('\n') >= 0 || key.indexOf('\0') >= 0) {
            throw badKey(key, "GCS object names cannot contain carriage returns, line feeds or NUL");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw badKey(key, "empty, '.' and '..' segments are not allowed");
            }
        }
        String name = settings.prefix() + key;
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw badKey(key, "with the prefix it is longer than the " + MAX_NAME_BYTES + " bytes GCS allows");
        }
        return name;
    }

    private IllegalArgumentException badKey(String key, String reason) {
        return new IllegalArgumentException("Cannot use object key '" + key + "' in " + location + ": " + reason
                + ". Keys are '/'-separated paths relative to the store's prefix.");
    }

    /** What went wrong, with what to do for the failures users can fix. */
    static String reason(StorageException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return switch (e.getCode()) {
            case 401, 403 -> message + " (HTTP " + e.getCode() + "). Check the data source's credentials and that its "
                    + "service account may read and write objects in the bucket (roles/storage.objectAdmin).";
            case NOT_FOUND -> message + " (HTTP 404). Check that the bucket exists.";
            case 400 -> message + " (HTTP 400). If the object was written with a customer-supplied encryption key, "
                    + "the data source must give the same key.";
            default -> message + (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "");
        };
    }

    /** The finished objects of a listing as keys relative to the store's prefix. */
    private final class Listing implements Iterator<ObjectInfo> {

        private final Iterator<Blob> blobs;
        private final String keyPrefix;
        private ObjectInfo next;

        Listing(Iterator<Blob> blobs, String keyPrefix) {
            this.blobs = blobs;
            this.keyPrefix = keyPrefix;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null && blobs.hasNext()) {
                    next = toInfo(blobs.next()).orElse(null);
                }
            } catch (StorageException e) {
                throw new UncheckedIOException(new IOException("Cannot list objects with prefix '" + keyPrefix
                        + "' in " + location + ": " + reason(e), e));
            }
            return next != null;
        }

        @Override
        public ObjectInfo next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ObjectInfo result = next;
            next = null;
            return result;
        }

        /** Empty for entries that are no object a key can name: folder placeholders, unfinished entries. */
        private Optional<ObjectInfo> toInfo(Blob blob) {
            String name = blob.getName();
            OffsetDateTime updated = blob.getUpdateTimeOffsetDateTime();
            if (name == null || !name.startsWith(settings.prefix()) || name.endsWith("/") || blob.getSize() == null
                    || updated == null) {
                return Optional.empty();
            }
            return Optional.of(new ObjectInfo(name.substring(settings.prefix().length()), blob.getSize(),
                    updated.toInstant()));
        }
    }
}
