package io.fsconnect.bench;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.local.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A directory on local disk, one sub-directory per run, given to the sink as a local data source
 * ({@code datasource.type=local}, {@code datasource.path}).
 */
final class LocalSinkTarget implements SinkTarget {

    static final String SINK_CLASS = "io.fsconnect.sink.ObjectStoreSinkConnector";

    private final Path root;

    LocalSinkTarget(Path root) {
        this.root = root;
    }

    @Override
    public Map<String, String> connectorKeys(String run) {
        return Map.of("datasource.type", "local", "datasource.name", "bench", "datasource.path",
                root.resolve(run).toString());
    }

    @Override
    public ObjectStore open(String run) throws IOException {
        return new LocalObjectStore(root.resolve(run));
    }

    @Override
    public void close() {
        // Nothing was started; bench/run deletes the work directory.
    }
}
