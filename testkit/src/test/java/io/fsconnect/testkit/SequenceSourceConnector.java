package io.fsconnect.testkit;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A source connector for testing the testkit: each task counts up from where its stored offset
 * left off and writes {@code key="task-<id>", value="<n>"} to one topic, with source partition
 * {@code {"task": id}} and offset {@code {"position": n}}. Offsets can be altered and reset
 * through the REST API, and {@code fail.on.start} makes every task fail at start.
 */
public final class SequenceSourceConnector extends SourceConnector {

    static final String TOPIC_CONFIG = "topic";
    static final String TOPIC_DOC = "Topic the numbers are written to.";
    static final String BATCH_SIZE_CONFIG = "batch.size";
    static final String BATCH_SIZE_DOC = "Records returned by one poll.";
    static final int BATCH_SIZE_DEFAULT = 5;
    static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    static final String POLL_INTERVAL_MS_DOC = "Pause between two polls.";
    static final long POLL_INTERVAL_MS_DEFAULT = 100;
    static final String FAIL_ON_START_CONFIG = "fail.on.start";
    static final String FAIL_ON_START_DOC = "Whether every task fails when it starts.";
    static final boolean FAIL_ON_START_DEFAULT = false;
    static final String TASK_ID_CONFIG = "task.id";

    static final String PARTITION_KEY = "task";
    static final String OFFSET_KEY = "position";
    static final String FAILURE_MESSAGE = "Cannot start task: fail.on.start is set";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TOPIC_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, TOPIC_DOC, "sequence", 1, Width.MEDIUM, "Topic")
            .define(BATCH_SIZE_CONFIG, Type.INT, BATCH_SIZE_DEFAULT, ConfigDef.Range.atLeast(1),
                    Importance.LOW, BATCH_SIZE_DOC, "sequence", 2, Width.SHORT, "Batch size")
            .define(POLL_INTERVAL_MS_CONFIG, Type.LONG, POLL_INTERVAL_MS_DEFAULT, ConfigDef.Range.atLeast(0),
                    Importance.LOW, POLL_INTERVAL_MS_DOC, "sequence", 3, Width.SHORT, "Poll interval (ms)")
            .define(FAIL_ON_START_CONFIG, Type.BOOLEAN, FAIL_ON_START_DEFAULT,
                    Importance.LOW, FAIL_ON_START_DOC, "sequence", 4, Width.SHORT, "Fail on start");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        CONFIG_DEF.parse(props);
        this.props = new HashMap<>(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SequenceSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int id = 0; id < maxTasks; id++) {
            Map<String, String> config = new HashMap<>(props);
            config.put(TASK_ID_CONFIG, Integer.toString(id));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        // Any {"task": n} -> {"position": m} pair is meaningful; a null offset resets the partition.
        return true;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return "1.0-test";
    }
}
