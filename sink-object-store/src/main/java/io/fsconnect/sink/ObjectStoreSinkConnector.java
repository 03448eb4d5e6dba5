package io.fsconnect.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * A sink connector that writes Kafka topics to an object store as files (Parquet, Avro, JSON Lines, CSV
 * or TSV, laid out in directories by a {@link Partitioner}), one object per run
 * of records of a topic-partition, named by the partition and the offset of its first record, so that
 * a replay rewrites the same objects instead of duplicating them. Offsets are committed only for
 * records in complete, visible objects. Every task gets the connector's configuration; Connect spreads
 * the topic-partitions over the tasks.
 */
public class ObjectStoreSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        ObjectStoreSinkConfig config = new ObjectStoreSinkConfig(props);
        config.dataSource();
        config.nullValues();
        config.partitioner(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ObjectStoreSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        // Nothing is held between start and stop.
    }

    @Override
    public ConfigDef config() {
        return ObjectStoreSinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        // Data-source problems go on the keys the user wrote, inline datasource.* keys included.
        StoreConfig.problems(connectorConfigs).forEach((key, messages) ->
                messages.forEach(valueFor(result, key)::addErrorMessage));
        boolean singleKeysValid = result.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
        if (singleKeysValid) {
            // Checks that span keys, reported on the key the user has to set.
            ObjectStoreSinkConfig config = new ObjectStoreSinkConfig(connectorConfigs);
            config.crossKeyProblems().forEach((key, message) ->
                    result.configValues().stream()
                            .filter(value -> value.name().equals(key))
                            .forEach((ConfigValue value) -> value.addErrorMessage(message)));
            if (config.getBoolean(StoreConfig.VALIDATE_CONNECTION)
                    && result.configValues().stream().allMatch(value -> value.errorMessages().isEmpty())) {
                StoreConfig.connectionProblems(connectorConfigs).forEach((key, messages) ->
                        messages.forEach(valueFor(result, key)::addErrorMessage));
            }
        }
        return result;
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
