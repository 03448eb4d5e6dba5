package io.fsconnect.storage.gcs;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.fsconnect.auth.GcsDataSource;

/**
 * Supplies the {@link Storage} client through which a GCS data source is reached, in place of the client that
 * {@link GcsObjectStore#connect} would otherwise build. It exists for tests (an in-memory fake behind the real client
 * API, so that connectors can be run against GCS through a Connect worker) and for deployments that need a custom
 * client, e.g. one whose transport goes through a proxy. It is found with {@link java.util.ServiceLoader} from the
 * class loader of the plugin that holds this interface, never through connector configuration: a worker without an
 * implementation registered in {@code META-INF/services/io.fsconnect.storage.gcs.GcsClientProvider} builds the client
 * from the data source exactly as it always does, and more than one implementation is refused rather than one picked.
 * The provider is handed the options the store would have used (the data source's credentials, endpoint and project,
 * the connector's retry policy), which have been loaded and checked already; it owns every client it returns — a
 * store never closes it — so it should share one client per data source rather than build one per call.
 */
public interface GcsClientProvider {

    /**
     * The client for {@code source}.
     *
     * @param source the data source being opened
     * @param defaults the options of the client the store would otherwise build
     */
    Storage client(GcsDataSource source, StorageOptions defaults);
}
