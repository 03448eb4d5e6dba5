package io.fsconnect.storage.s3;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStoreContract;
import io.fsconnect.storage.ObjectStores;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link ObjectStoreContract} on S3Proxy (in process, in-memory backend, SigV4), through
 * {@link ObjectStores#open}: a data source with an endpoint, path-style access, access keys and a path, 5 MiB parts
 * and pages of 7 keys so that uploads go multipart and listings page.
 */
class S3ProxyObjectStoreContractIT extends ObjectStoreContract {

    private static final int PAGE_SIZE = 7;
    private static final int PART_SIZE = 5 * 1024 * 1024;

    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected ObjectStore newEmptyStore() throws Exception {
        return ObjectStores.open(server.dataSource(server.newBucket(), "tenant/data", Optional.empty(),
                        Map.of(S3ClientFactory.CONDITIONAL_WRITES_OPTION, Boolean.toString(supportsCreateIfAbsent()))),
                ObjectStores.Tuning.DEFAULTS.withPartSizeBytes(PART_SIZE).withListPageSize(PAGE_SIZE));
    }

    @Override
    protected boolean supportsCreateIfAbsent() {
        return true;
    }

    @Override
    protected OptionalInt listPageSize() {
        return OptionalInt.of(PAGE_SIZE);
    }
}
