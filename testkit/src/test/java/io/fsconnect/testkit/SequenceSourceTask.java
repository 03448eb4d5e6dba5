package io.fsconnect.testkit;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The task of {@link SequenceSourceConnector}: resumes counting after its stored position. */
public final class SequenceSourceTask extends SourceTask {

    private Map<String, Integer> partition;
    private String topic;
    private int batchSize;
    private long pollIntervalMs;
    private String key;
    private long next;

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(SequenceSourceConnector.CONFIG_DEF, props);
        if (config.getBoolean(SequenceSourceConnector.FAIL_ON_START_CONFIG)) {
            throw new ConnectException(SequenceSourceConnector.FAILURE_MESSAGE);
        }
        int id = Integer.parseInt(props.get(SequenceSourceConnector.TASK_ID_CONFIG));
        partition = Map.of(SequenceSourceConnector.PARTITION_KEY, id);
        topic = config.getString(SequenceSourceConnector.TOPIC_CONFIG);
        batchSize = config.getInt(SequenceSourceConnector.BATCH_SIZE_CONFIG);
        pollIntervalMs = config.getLong(SequenceSourceConnector.POLL_INTERVAL_MS_CONFIG);
        key = "task-" + id;
        Map<String, Object> offset = context.offsetStorageReader().offset(partition);
        next = offset == null ? 0 : ((Number) offset.get(SequenceSourceConnector.OFFSET_KEY)).longValue() + 1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Thread.sleep(pollIntervalMs);
        List<SourceRecord> records = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++, next++) {
            records.add(new SourceRecord(partition, Map.of(SequenceSourceConnector.OFFSET_KEY, next), topic, null,
                    Schema.STRING_SCHEMA, key, Schema.STRING_SCHEMA, Long.toString(next)));
        }
        return records;
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return "1.0-test";
    }
}
