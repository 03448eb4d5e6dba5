package io.fsconnect.storage.azure;

import com.azure.core.exception.AzureException;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.azure.AzureCredentials;
import io.fsconnect.auth.azure.AzureIdentityOptions;
import io.fsconnect.auth.azure.AzureStorageCredential;
import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.SupportsCreateIfAbsent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * An {@link ObjectStore} on one container of an Azure Blob Storage account, which also serves ADLS Gen2 accounts
 * (hierarchical namespace) through their Blob endpoint. Objects are block blobs: an upload stages blocks of a
 * configurable size as they fill, so an open object holds at most one block in memory, and commits the block list
 * on close, which is when the object becomes visible; an aborted upload commits nothing. {@link #createIfAbsent}
 * commits with {@code If-None-Match: *}, which the service checks atomically. Listings are fetched a page at a time
 * and leave out the directory entries of ADLS Gen2 accounts. Reads are pinned to the object's ETag, so an object
 * replaced while it is read fails the read instead of mixing two versions.
 *
 * <p>The container client is injected, or built by {@link #forDataSource} from an {@code adls} data source with its
 * credential. An optional key prefix (a data source's {@code path}) confines the store to a directory of the
 * container; keys and listings are relative to it.
 */
public final class AzureBlobObjectStore implements ObjectStore, SupportsCreateIfAbsent {

    /** Block size when none is given: 8 MiB, so objects up to about 390 GiB fit in the service's 50,000 blocks. */
    public static final int DEFAULT_BLOCK_SIZE = 8 * 1024 * 1024;

    /** Listing page size when none is given: the service's maximum. */
    public static final int DEFAULT_LIST_PAGE_SIZE = 5000;

    private static final int MAX_KEY_LENGTH = 1024;
    private static final String ADLS_DIRECTORY_MARKER = "hdi_isfolder";

    private final BlobContainerClient container;
    private final String root;
    private final int blockSize;
    private final int listPageSize;
    private final String location;

    /**
     * A store on {@code container} under the key prefix {@code root} ({@code ""} for the whole container, else a
     * directory such as {@code "exports/daily"}), staging blocks of {@code blockSize} bytes and listing
     * {@code listPageSize} objects per request.
     */
    public AzureBlobObjectStore(BlobContainerClient container, String root, int blockSize, int listPageSize) {
        this.container = Objects.requireNonNull(container, "container");
        Objects.requireNonNull(root, "root");
        if (blockSize < 1) {
            throw new IllegalArgumentException("Cannot use block size " + blockSize + ": it must be at least 1 byte");
        }
        if (listPageSize < 1 || listPageSize > DEFAULT_LIST_PAGE_SIZE) {
            throw new IllegalArgumentException("Cannot use listing page size " + listPageSize + ": it must be 1 to "
                    + DEFAULT_LIST_PAGE_SIZE);
        }
        String trimmed = root.replaceAll("^/+|/+$", "");
        this.root = trimmed.isEmpty() ? "" : trimmed + "/";
        this.blockSize = blockSize;
        this.listPageSize = listPageSize;
        this.location = "container " + container.getBlobContainerName() + " of account " + container.getAccountName()
                + (this.root.isEmpty() ? "" : " under " + this.root);
    }

    /**
     * A store on the container of an ADLS Gen2 (or plain Blob Storage) data source, confined to its {@code path},
     * reached at its {@code endpoint} (for Azurite: {@code http://127.0.0.1:10000/devstoreaccount1}) or at
     * {@code https://<account>.blob.core.windows.net}, and authenticated as the data source says. Blocks are of the
     * tuning's part size; each request is tried up to the tuning's attempts, waiting exponentially longer from its
     * backoff between tries (the SDK retries timeouts, lost connections, 429, 500 and 503, never a refusal such as
     * 403).
     */
    public static AzureBlobObjectStore forDataSource(AdlsDataSource source, AzureIdentityOptions identity,
            ObjectStores.Tuning tuning) {
        if (source.generation() != 2 || source.container().isEmpty()) {
            throw new IllegalArgumentException("Cannot use ADLS data source " + source.name()
                    + " as an object store: only generation 2 accounts (with a container) have a Blob endpoint");
        }
        URI endpoint = source.endpoint().orElse(URI.create("https://" + source.accountName() + ".blob.core.windows.net"));
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .endpoint(endpoint.toString())
                .httpClient(new JdkHttpClientBuilder().build())
                .retryOptions(retryOptions(tuning));
        AzureStorageCredential credential = AzureCredentials.forStorage(source.auth(), source.accountName(), identity);
        if (credential instanceof AzureStorageCredential.SharedKey key) {
            builder.credential(key.credential());
        } else if (credential instanceof AzureStorageCredential.Sas sas) {
            builder.credential(sas.credential());
        } else if (credential instanceof AzureStorageCredential.Token token) {
            builder.credential(token.credential());
        }
        BlobContainerClient container = builder.buildClient().getBlobContainerClient(source.container().get());
        return new AzureBlobObjectStore(container, source.path().orElse(""), tuning.partSizeBytes(),
                DEFAULT_LIST_PAGE_SIZE);
    }

    private static RequestRetryOptions retryOptions(ObjectStores.Tuning tuning) {
        // The SDK needs a delay of at least a millisecond; no per-try timeout, as a block upload may take long.
        Duration delay = tuning.retryBackoff().isZero() ? Duration.ofMillis(1) : tuning.retryBackoff();
        Duration maxDelay = delay.compareTo(ObjectStores.Tuning.MAX_RETRY_BACKOFF) > 0 ? delay
                : ObjectStores.Tuning.MAX_RETRY_BACKOFF;
        return new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, tuning.maxAttempts(), (Duration) null, delay,
                maxDelay, null);
    }

    @Override
    public ObjectUpload create(String key) {
        return new AzureBlobUpload(container.getBlobClient(blobName(key)).getBlockBlobClient(), key, location,
                blockSize, false);
    }

    @Override
    public ObjectUpload createIfAbsent(String key) {
        return new AzureBlobUpload(container.getBlobClient(blobName(key)).getBlockBlobClient(), key, location,
                blockSize, true);
    }

    @Override
    public InputStream open(String key) throws IOException {
        String name = blobName(key);
        try {
            return container.getBlobClient(name).openInputStream();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
                throw new NoSuchObjectException(key, "Cannot open object " + key + ": no such object in " + location);
            }
            throw failure("open object " + key, location, e);
        } catch (RuntimeException e) {
            throw failure("open object " + key, location, e);
        }
    }

    @Override
    public ObjectInfo stat(String key) throws IOException {
        String name = blobName(key);
        try {
            BlobProperties properties = container.getBlobClient(name).getProperties();
            return new ObjectInfo(key, properties.getBlobSize(), properties.getLastModified().toInstant());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404 && !BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
                throw new NoSuchObjectException(key, "Cannot describe object " + key + ": no such object in "
                        + location);
            }
            throw failure("describe object " + key, location, e);
        } catch (RuntimeException e) {
            throw failure("describe object " + key, location, e);
        }
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        ObjectStore.checkRange(key, offset, length);
        return AzureBlobRangeStream.open(container.getBlobClient(blobName(key)), key, location, offset, length);
    }

    @Override
    public Iterable<ObjectInfo> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        ListBlobsOptions options = new ListBlobsOptions()
                .setPrefix(root + prefix)
                .setMaxResultsPerPage(listPageSize)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        return () -> new Listing(pages(options, prefix), prefix);
    }

    private Iterator<BlobItem> pages(ListBlobsOptions options, String prefix) {
        try {
            return container.listBlobs(options, null).iterator();
        } catch (RuntimeException e) {
            throw new UncheckedIOException(failure("list objects with prefix '" + prefix + "'", location, e));
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            container.getBlobClient(blobName(key)).deleteIfExists();
        } catch (RuntimeException e) {
            throw failure("delete object " + key, location, e);
        }
    }

    @Override
    public void close() {
        // The SDK's clients hold no resources that need releasing.
    }

    @Override
    public String toString() {
        return "AzureBlobObjectStore[" + container.getBlobContainerUrl() + (root.isEmpty() ? "" : "/" + root) + "]";
    }

    private String blobName(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw badKey(key, "a key must not be empty");
        }
        if (key.startsWith("/") || key.endsWith("/")) {
            throw badKey(key, "a key must not start or end with '/'");
        }
        if (key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
            throw badKey(key, "a key must not contain '\\' or NUL; separate segments with '/'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw badKey(key, "empty, '.' and '..' segments are not allowed");
            }
        }
        if (key.endsWith(".")) {
            throw badKey(key, "Azure Storage drops a trailing '.' from blob names");
        }
        String name = root + key;
        if (name.length() > MAX_KEY_LENGTH) {
            throw badKey(key, "a blob name (with the store's prefix) is at most " + MAX_KEY_LENGTH + " characters");
        }
        return name;
    }

    private IllegalArgumentException badKey(String key, String reason) {
        return new IllegalArgumentException("Cannot use object key '" + key + "' in " + location + ": " + reason
                + ". Keys are '/'-separated paths relative to the store root.");
    }

    /** One message shape for every failure: what failed, where, and the service's own status and error code. */
    static IOException failure(String action, String location, RuntimeException e) {
        String reason;
        if (e instanceof BlobStorageException storage) {
            reason = "HTTP " + storage.getStatusCode() + " " + storage.getErrorCode()
                    + (storage.getServiceMessage() == null ? "" : " (" + firstLine(storage.getServiceMessage()) + ")")
                    + hint(storage);
        } else if (e instanceof AzureException || e instanceof UncheckedIOException) {
            reason = firstLine(e.getMessage());
        } else {
            reason = e.toString();
        }
        return new IOException("Cannot " + action + " in " + location + ": " + reason, e);
    }

    private static String hint(BlobStorageException e) {
        if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
            return "; create the container or fix the data source's container";
        }
        if (e.getStatusCode() == 403) {
            return "; check the data source's credentials and that they grant access to this container";
        }
        return "";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** Maps blob items to objects lazily, page by page, leaving out ADLS Gen2 directory entries. */
    private final class Listing implements Iterator<ObjectInfo> {

        private final Iterator<BlobItem> items;
        private final String prefix;
        private ObjectInfo next;

        Listing(Iterator<BlobItem> items, String prefix) {
            this.items = items;
            this.prefix = prefix;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null && items.hasNext()) {
                    BlobItem item = items.next();
                    if (isDirectory(item)) {
                        continue;
                    }
                    Instant modified = item.getProperties().getLastModified().toInstant();
                    next = new ObjectInfo(item.getName().substring(root.length()),
                            item.getProperties().getContentLength(), modified);
                }
            } catch (RuntimeException e) {
                throw new UncheckedIOException(failure("list objects with prefix '" + prefix + "'", location, e));
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

        private boolean isDirectory(BlobItem item) {
            if (Boolean.TRUE.equals(item.isPrefix())) {
                return true;
            }
            Map<String, String> metadata = item.getMetadata();
            return metadata != null && metadata.entrySet().stream().anyMatch(entry ->
                    entry.getKey().toLowerCase(Locale.ROOT).equals(ADLS_DIRECTORY_MARKER)
                            && "true".equalsIgnoreCase(entry.getValue()));
        }
    }
}
