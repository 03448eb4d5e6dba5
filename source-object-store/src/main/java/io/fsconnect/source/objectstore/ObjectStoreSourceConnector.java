package io.fsconnect.source.objectstore;

import io.fsconnect.storage.ObjectStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A Kafka Connect source that reads data-lake files (Parquet, Avro, JSON Lines, CSV/TSV) from an
 * object store into one feature-group topic, resuming mid-file after a restart. The connector alone
 * lists the store, once per {@code poll.interval.ms} (see {@link ListingMonitor}); tasks never list.
 * Objects not yet read to their end are assigned to tasks by the hash of their key
 * ({@link TaskAssignment}) and reach them through task configurations, which are republished whenever
 * the listing finds objects outside the published assignment, whatever order their keys sort in. Offsets
 * are kept per object, so exactly-once delivery is supported when the worker enables it (KIP-618).
 */
public class ObjectStoreSourceConnector extends SourceConnector {

    /** How long start() waits for the first listing before publishing tasks without it. */
    private static final Duration FIRST_LISTING_WAIT = Duration.ofSeconds(10);

    private Map<String, String> props;
    private ObjectStore store;
    private ListingMonitor monitor;

    @Override
    public String version() {
        return Version.current();
    }

    @Override
    public void start(Map<String, String> props) {
        ObjectStoreSourceConfig config = new ObjectStoreSourceConfig(props);
        this.props = Map.copyOf(props);
        StoreSpec spec = config.store();
        try {
            store = spec.open();
        } catch (IOException e) {
            throw new ConnectException("Cannot open the object store " + spec.id() + ": " + e.getMessage(), e);
        }
        int tasks = Integer.parseInt(props.getOrDefault("tasks.max", "1"));
        monitor = new ListingMonitor(store, spec.id(), config.keyFilter(),
                config.postReadAction() != PostReadAction.NONE,
                new EmptyObjectProbe(new ObjectOpener(store, config.readerFormat())), config.pollInterval(),
                context().offsetStorageReader(),
                tasks, context::requestTaskReconfiguration, context::raiseError);
        monitor.start(FIRST_LISTING_WAIT);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ObjectStoreSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        TaskAssignment assignment = monitor.assignment(maxTasks);
        List<Map<String, String>> configs = new ArrayList<>();
        for (int task = 0; task < maxTasks; task++) {
            Map<String, String> config = new HashMap<>(props);
            config.putAll(assignment.taskConfig(task));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
        try {
            if (monitor != null) {
                monitor.close();
            }
        } finally {
            closeStore();
        }
    }

    private void closeStore() {
        if (store != null) {
            try {
                store.close();
            } catch (IOException e) {
                throw new ConnectException("Cannot close the object store: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // Every record carries the offset of its object and position; the worker commits both atomically.
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * Accepts offsets edited through the REST API (KIP-875) only if each names an object of this kind
     * of source and parses as an {@link ObjectOffset}; a null offset (reset) reads the object again.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Map<String, ?> partition = entry.getKey();
            if (!(partition.get(SourceObject.STORE_KEY) instanceof String)
                    || !(partition.get(SourceObject.OBJECT_KEY) instanceof String key)) {
                throw new ConnectException("Cannot alter the offset of partition " + partition + ": a partition of this"
                        + " connector is {\"" + SourceObject.STORE_KEY + "\": <store id>, \"" + SourceObject.OBJECT_KEY
                        + "\": <object key>}; list the current ones with GET /connectors/<name>/offsets");
            }
            OffsetLoader.parse(key, entry.getValue());
        }
        return true;
    }

    @Override
    public ConfigDef config() {
        return ObjectStoreSourceConfig.configDef();
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = config.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        Function<String, Object> parsed = key -> values.containsKey(key) ? values.get(key).value() : null;
        ObjectStoreSourceConfig.crossFieldProblems(parsed)
                .forEach(problem -> valueFor(config, problem.key()).addErrorMessage(problem.message()));
        // Data-source problems go on the keys the user wrote, inline datasource.* keys included.
        ObjectStoreSourceConfig.storeProblems(connectorConfigs).forEach((key, messages) ->
                messages.forEach(valueFor(config, key)::addErrorMessage));
        boolean valid = config.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
        if (valid && Boolean.TRUE.equals(parsed.apply(ObjectStoreSourceConfig.VALIDATE_CONNECTION))) {
            ObjectStoreSourceConfig.connectionProblems(connectorConfigs).forEach((key, messages) ->
                    messages.forEach(valueFor(config, key)::addErrorMessage));
        }
        return config;
    }

    /** The result's entry for {@code key}, added for keys outside the ConfigDef (inline {@code datasource.*} keys). */
    private static ConfigValue valueFor(Config result, String key) {
        return result.configValues().stream().filter(v -> v.name().equals(key)).findFirst().orElseGet(() -> {
            ConfigValue added = new ConfigValue(key);
            result.configValues().add(added);
            return added;
        });
    }
}
