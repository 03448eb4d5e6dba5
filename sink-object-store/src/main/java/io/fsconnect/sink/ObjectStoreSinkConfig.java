package io.fsconnect.sink;

import io.fsconnect.auth.DataSource;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.format.RecordFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The configuration of {@link ObjectStoreSinkConnector} and its tasks, which share every key. Keys are
 * grouped by concern (store, format, rotation, naming); each concern defines its keys in its own small
 * class and turns them into a typed value here. Constructing it validates every key.
 */
public final class ObjectStoreSinkConfig extends AbstractConfig {

    static final String NAMING_GROUP = "Naming";

    public static final String TOPICS_DIR = "topics.dir";
    static final String TOPICS_DIR_DOC = "The top-level directory (key prefix) under which each topic's files are"
            + " written, as <topics.dir>/<topic>/<directories of partitioner.class>/<topic>+<Kafka partition>+<offset"
            + " of the file's first record>.<ext>.";
    static final String TOPICS_DIR_DEFAULT = "topics";

    /** Every key of the connector. */
    public static final ConfigDef CONFIG_DEF = configDef();

    public ObjectStoreSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        StoreConfig.define(def);
        FormatConfig.define(def);
        RotationConfig.define(def);
        PartitionerConfig.define(def);
        SplitConfig.define(def);
        def.define(TOPICS_DIR, ConfigDef.Type.STRING, TOPICS_DIR_DEFAULT,
                ConfigDef.LambdaValidator.with(ObjectStoreSinkConfig::validateTopicsDir,
                        () -> "a non-empty '/'-separated path without leading or trailing '/'"),
                ConfigDef.Importance.MEDIUM, TOPICS_DIR_DOC, NAMING_GROUP, 1, ConfigDef.Width.MEDIUM, "Topics directory");
        return def;
    }

    /**
     * The data source of the store to write to.
     *
     * @throws ConfigException naming the keys if it is not a usable object store
     */
    DataSource dataSource() {
        return StoreConfig.dataSource(originalsStrings());
    }

    /** How the store of {@code source} uploads and retries. */
    ObjectStores.Tuning tuning(DataSource source) {
        return StoreConfig.tuning(this, source);
    }

    RecordFormat format() {
        return FormatConfig.format(this);
    }

    RotationPolicy rotation() {
        return RotationConfig.policy(this);
    }

    /** The configured partitioner, under the directories of the training-data split when one is set. */
    Partitioner partitioner(Map<String, String> props) {
        Partitioner partitioner = PartitionerConfig.partitioner(this, props);
        return SplitConfig.split(this).<Partitioner>map(split -> new SplitPartitioner(split, partitioner))
                .orElse(partitioner);
    }

    TimestampExtractor timestamps() {
        return PartitionerConfig.timestamps(this);
    }

    boolean envelope() {
        return FormatConfig.envelope(this);
    }

    FormatConfig.NullValues nullValues() {
        return FormatConfig.nullValues(this);
    }

    /**
     * Problems of keys that depend on each other, by the key the user has to change; empty when none.
     */
    Map<String, String> crossKeyProblems() {
        Map<String, String> problems = new LinkedHashMap<>();
        FormatConfig.crossKeyProblem(this).ifPresent(message ->
                problems.put(FormatConfig.BEHAVIOR_ON_NULL_VALUES, message));
        PartitionerConfig.crossKeyProblem(this).ifPresent(problem -> problems.put(problem.getKey(), problem.getValue()));
        return problems;
    }

    ObjectNames objectNames() {
        return new ObjectNames(getString(TOPICS_DIR), format().extension());
    }

    private static void validateTopicsDir(String name, Object value) {
        String dir = (String) value;
        if (dir == null || dir.isEmpty() || dir.startsWith("/") || dir.endsWith("/") || dir.contains("//")) {
            throw new ConfigException(name, value, "Cannot use '" + value + "' as the topics directory: it must be a"
                    + " non-empty '/'-separated path relative to the store root, without leading or trailing '/'");
        }
    }
}
