package io.fsconnect.storage;

import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.GcsDataSource;
import io.fsconnect.auth.LocalDataSource;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.azure.AzureIdentityOptions;
import io.fsconnect.storage.azure.AzureBlobObjectStore;
import io.fsconnect.storage.gcs.GcsObjectStore;
import io.fsconnect.storage.local.LocalObjectStore;
import io.fsconnect.storage.s3.S3ObjectStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The one place that turns a data source into an {@link ObjectStore}: it picks the adapter for the data source's
 * kind (local, s3, adls generation 2 through its Blob endpoint, gcs), hands it the credentials of its authentication
 * mode, and confines it to the data source's path, so that keys given to the store are relative to that path. The
 * caller owns the returned store and closes it; closing it also gives back the credentials it holds (an S3 store's
 * handle on shared, refreshing AWS credentials, such as those of an assumed role). Entra ID sign-in uses the SDK's
 * authority host unless the {@code AZURE_AUTHORITY_HOST} environment variable names another.
 */
public final class ObjectStores {

    private ObjectStores() {
    }

    /**
     * Opens the store of {@code source}.
     *
     * @throws IllegalArgumentException if the data source is not an object store, has no adapter yet, or uses an
     *         authentication mode that is not supported yet; the message names the data source and what to change
     * @throws IOException if the store cannot be reached or prepared (e.g. a local directory cannot be created)
     */
    public static ObjectStore open(DataSource source, Tuning tuning) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tuning, "tuning");
        if (source instanceof LocalDataSource local) {
            return new LocalObjectStore(local.path());
        }
        if (source instanceof S3DataSource s3) {
            return S3ObjectStore.open(s3, tuning);
        }
        if (source instanceof AdlsDataSource adls) {
            return AzureBlobObjectStore.forDataSource(adls, AzureIdentityOptions.defaults(), tuning);
        }
        if (source instanceof GcsDataSource gcs) {
            return GcsObjectStore.connect(gcs, tuning);
        }
        throw new IllegalArgumentException("Cannot open data source " + source.name() + " as an object store: type "
                + source.type() + " has no object-store adapter; use a data source of type local, s3, adls or gcs");
    }

    /**
     * How a store moves bytes, set by the connector rather than the data source: the part (or block) size of
     * streaming uploads, which bounds the memory of each open upload; the page size of listings; and how often
     * and how patiently a failed request is retried (exponential backoff with jitter from {@code retryBackoff}, up to
     * {@link #MAX_RETRY_BACKOFF}). Every adapter that sends requests maps the retry policy onto its SDK's own retry
     * options; each SDK decides which failures are transient (throttling, server errors, lost connections) and never
     * retries a refusal such as 403.
     */
    public record Tuning(int partSizeBytes, int listPageSize, int maxAttempts, Duration retryBackoff) {

        /** 8 MiB parts, pages of 1000 keys, 3 attempts from 200 ms. */
        public static final Tuning DEFAULTS = new Tuning(8 * 1024 * 1024, 1000, 3, Duration.ofMillis(200));

        /** The longest wait between two attempts, however many attempts came before. */
        public static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(20);

        public Tuning {
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            if (partSizeBytes < 1) {
                throw new IllegalArgumentException("Cannot use part size " + partSizeBytes + ": it must be positive");
            }
            if (listPageSize < 1) {
                throw new IllegalArgumentException("Cannot use listing page size " + listPageSize
                        + ": it must be positive");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("Cannot use " + maxAttempts + " attempts: at least one is needed");
            }
            if (retryBackoff.isNegative()) {
                throw new IllegalArgumentException("Cannot use retry backoff " + retryBackoff + ": it is negative");
            }
        }

        /** These settings with another part size. */
        public Tuning withPartSizeBytes(int bytes) {
            return new Tuning(bytes, listPageSize, maxAttempts, retryBackoff);
        }

        /** These settings with another listing page size. */
        public Tuning withListPageSize(int size) {
            return new Tuning(partSizeBytes, size, maxAttempts, retryBackoff);
        }

        /** These settings with another retry policy. */
        public Tuning withRetries(int attempts, Duration backoff) {
            return new Tuning(partSizeBytes, listPageSize, attempts, backoff);
        }
    }
}
