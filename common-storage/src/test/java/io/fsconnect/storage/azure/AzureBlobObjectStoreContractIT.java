package io.fsconnect.storage.azure;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStoreContract;
import io.fsconnect.testkit.AzuriteServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.OptionalInt;
import java.util.UUID;

/**
 * The {@link ObjectStoreContract} on Azurite: block staging with 64 KiB blocks (so large objects cross several
 * block boundaries), conditional commit with {@code If-None-Match: *}, listings of three objects per page. One
 * emulator serves the class; each test gets a new container.
 */
class AzureBlobObjectStoreContractIT extends ObjectStoreContract {

    private static final int BLOCK_SIZE = 64 * 1024;
    private static final int PAGE_SIZE = 3;

    private static AzuriteServer azurite;
    private static BlobServiceClient service;

    @BeforeAll
    static void startAzurite() {
        azurite = AzuriteServer.start();
        service = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Override
    protected ObjectStore newEmptyStore() {
        String name = "contract-" + UUID.randomUUID().toString().substring(0, 13);
        return new AzureBlobObjectStore(service.createBlobContainer(name), "", BLOCK_SIZE, PAGE_SIZE);
    }

    @Override
    protected boolean supportsCreateIfAbsent() {
        return true;
    }

    @Override
    protected OptionalInt listPageSize() {
        return OptionalInt.of(PAGE_SIZE);
    }

    @Override
    protected int largeObjectBytes() {
        return 5 * BLOCK_SIZE + 123;
    }
}
