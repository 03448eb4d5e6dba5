package io.fsconnect.bench;

import io.fsconnect.testkit.ConnectRest;
import io.fsconnect.testkit.ValidationResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sink's keys that point it at a local directory. The sink takes its store as a data source
 * ({@code datasource.type=local}, {@code datasource.path}); builds from before that took
 * {@code store.type=local} and {@code store.local.root}. The worker's validation answer decides which
 * the installed plugin understands, so the benchmark measures whichever build it is given.
 */
final class LocalSinkStore {

    static final String SINK_CLASS = "io.fsconnect.sink.ObjectStoreSinkConnector";

    private LocalSinkStore() {
    }

    /** The store keys the installed sink accepts for {@code root}, checked through the worker's validation. */
    static Map<String, String> keys(ConnectRest rest, Map<String, String> otherKeys, Path root) {
        List<Map<String, String>> styles = List.of(
                Map.of("datasource.type", "local", "datasource.name", "bench", "datasource.path", root.toString()),
                Map.of("store.type", "local", "store.local.root", root.toString()));
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
}
