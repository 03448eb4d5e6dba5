package io.fsconnect.bench;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.local.LocalObjectStore;
import io.fsconnect.testkit.ConnectRest;
import io.fsconnect.testkit.ValidationResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory on local disk, one sub-directory per run. The sink takes its store as a data source
 * ({@code datasource.type=local}, {@code datasource.path}); builds from before that took
 * {@code store.type=local} and {@code store.local.root}. The worker's validation answer decides which
 * the installed plugin understands, so the benchmark measures whichever build it is given.
 */
final class LocalSinkTarget implements SinkTarget {

    static final String SINK_CLASS = "io.fsconnect.sink.ObjectStoreSinkConnector";

    private final Path root;

    LocalSinkTarget(Path root) {
        this.root = root;
    }

    @Override
    public Map<String, String> connectorKeys(ConnectRest rest, Map<String, String> otherKeys, String run) {
        String dir = root.resolve(run).toString();
        List<Map<String, String>> styles = List.of(
                Map.of("datasource.type", "local", "datasource.name", "bench", "datasource.path", dir),
                Map.of("store.type", "local", "store.local.root", dir));
        Map<String, ValidationResult> answers = new HashMap<>();
        for (Map<String, String> style : styles) {
            Map<String, String> config = new HashMap<>(otherKeys);
            config.putAll(style);
            ValidationResult answer = rest.validate(SINK_CLASS, config);
            if (answer.errorCount() == 0) {
                return style;
            }
            answers.put(style.keySet().iterator().next(), answer);
        }
        throw new IllegalStateException("Cannot configure the sink for a local directory: the installed plugin"
                + " rejects both the data-source keys and the store.* keys: " + answers);
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
