package io.fsconnect.storage.s3;

import io.fsconnect.storage.ObjectInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One pass over a ListObjectsV2 listing, fetching the next page only when the previous one is used up, so
 * that a listing of millions of keys holds one page in memory. S3 returns keys in UTF-8 byte order; the
 * store's prefix is stripped from each key.
 */
final class S3Listing implements Iterator<ObjectInfo> {

    private final S3Client client;
    private final S3StoreSettings settings;
    private final String listPrefix;
    private Iterator<S3Object> page;
    private String continuationToken;
    private boolean lastPage;

    S3Listing(S3Client client, S3StoreSettings settings, String listPrefix) {
        this.client = client;
        this.settings = settings;
        this.listPrefix = listPrefix;
    }

    @Override
    public boolean hasNext() {
        while (page == null || !page.hasNext()) {
            if (lastPage) {
                return false;
            }
            fetchPage();
        }
        return true;
    }

    @Override
    public ObjectInfo next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        S3Object object = page.next();
        Instant lastModified = object.lastModified() == null ? Instant.EPOCH : object.lastModified();
        return new ObjectInfo(object.key().substring(settings.prefix().length()),
                object.size() == null ? 0 : object.size(), lastModified);
    }

    private void fetchPage() {
        ListObjectsV2Response response;
        try {
            response = client.listObjectsV2(request -> request.bucket(settings.bucket()).prefix(listPrefix)
                    .maxKeys(settings.listPageSize()).continuationToken(continuationToken));
        } catch (SdkException e) {
            throw new UncheckedIOException(new IOException("Cannot list objects under s3://" + settings.bucket()
                    + "/" + listPrefix + ": " + e.getMessage(), e));
        }
        page = response.contents().iterator();
        continuationToken = response.nextContinuationToken();
        lastPage = !Boolean.TRUE.equals(response.isTruncated()) || continuationToken == null;
    }
}
