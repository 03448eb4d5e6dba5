package io.fsconnect.sink;

import io.fsconnect.auth.DataSource;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.format.RecordFormat;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of its topic-partitions to files in an object store, one set of open files per
 * topic-partition (one file per directory and schema), and commits a partition's offsets only up to the
 * end of its last complete, visible set of files. Life cycle, as Connect drives it:
 * <ul>
 * <li>{@link #put} writes records and closes files that are full or past their deadline; it is called
 * with empty batches too, so scheduled rotation happens without new records.</li>
 * <li>{@link #preCommit} closes files past their deadline, then returns, per partition, the offset after
 * the last record in a closed file (or reported as errant). Records in open files are not committed, so
 * after a failure they are read again and rewritten to the object of the same name.</li>
 * <li>{@link #flush} commits nothing by itself.</li>
 * <li>{@link #close} (rebalance) and {@link #stop} abort open files: nothing partial becomes visible.</li>
 * </ul>
 * A store failure that outlasts the store's own request retries and is transient discards the partition's
 * unfinished files, rewinds it to the first record not in a visible file, and surfaces as a
 * {@link RetriableException}: the worker waits {@code store.retry.backoff.ms} and delivers the batch again, and
 * records that are already in this task's files are not written twice ({@link StoreRetries}). The open files stay
 * within {@code buffer.max.bytes} ({@link BufferRelief}). Where the store creates objects only if
 * absent, files are created that way ({@link FencedStore}).
 * A record that cannot be written (a null value under {@code behavior.on.null.values=fail}, a value the
 * format cannot hold, a record the partitioner cannot place) fails the task naming the record and what
 * to set, or goes to the errant-record reporter when the worker provides one.
 */
public class ObjectStoreSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(ObjectStoreSinkTask.class);

    private final Clock clock;
    private final StoreOpener opener;
    private final Map<TopicPartition, TopicPartitionWriter> writers = new HashMap<>();
    private ObjectStore store;
    private RecordFormat format;
    private ObjectNames names;
    private RotationPolicy rotation;
    private Partitioner partitioner;
    private TimestampExtractor timestamps;
    private RowEnvelope envelope;
    private FormatConfig.NullValues nullValues;
    private boolean rowsNeedColumns;
    private Optional<ErrantRecordReporter> errantRecords = Optional.empty();
    private StoreRetries retries;
    private BufferRelief relief;

    public ObjectStoreSinkTask() {
        this(Clock.systemUTC());
    }

    /** With the clock that scheduled rotation reads. */
    ObjectStoreSinkTask(Clock clock) {
        this(clock, ObjectStores::open);
    }

    /** With the clock that scheduled rotation reads and what opens the data source's store. */
    ObjectStoreSinkTask(Clock clock, StoreOpener opener) {
        this.clock = clock;
        this.opener = opener;
    }

    /** Opens the store of a data source; {@link ObjectStores#open} outside tests. */
    @FunctionalInterface
    interface StoreOpener {
        ObjectStore open(DataSource source, ObjectStores.Tuning tuning) throws IOException;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        ObjectStoreSinkConfig config = new ObjectStoreSinkConfig(props);
        DataSource source = config.dataSource();
        try {
            store = FencedStore.of(opener.open(source, config.tuning(source)));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConnectException("Cannot open the object store of data source " + source.name() + ": "
                    + e.getMessage(), e);
        }
        format = BufferBudgetConfig.sized(config.format(), config);
        names = config.objectNames();
        rotation = config.rotation();
        partitioner = config.partitioner(props);
        timestamps = config.timestamps();
        envelope = new RowEnvelope(config.envelope());
        nullValues = config.nullValues();
        rowsNeedColumns = !config.getString(FormatConfig.FORMAT).equalsIgnoreCase("json");
        errantRecords = errantRecordReporter();
        retries = new StoreRetries(context, StoreConfig.retryBackoff(config), store.toString());
        relief = BufferRelief.of(config, format, store, context);
        log.info("Writing {} files to {} under {}", format, store, names.topicsDir());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        retries.startBatch();
        for (SinkRecord record : records) {
            TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            if (!retries.accepts(partition, record.originalKafkaOffset())) {
                continue;
            }
            TopicPartitionWriter writer = writers.get(partition);
            if (writer != null && writer.alreadyHandled(record.originalKafkaOffset())) {
                // Delivered again after a retry; it is in this partition's files already.
                continue;
            }
            try {
                put(record);
            } catch (DataException e) {
                throw e;
            } catch (ConnectException e) {
                throw retries.failed(writers, partition, record.originalKafkaOffset(), e);
            }
            relief.afterRecord(writers.values());
        }
        rotateDueFiles(true);
        retries.endBatch();
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // Offsets are committed only through preCommit, for files that are visible.
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        rotateDueFiles(false);
        Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
        for (TopicPartition partition : currentOffsets.keySet()) {
            TopicPartitionWriter writer = writers.get(partition);
            if (writer != null) {
                writer.committableOffset().ifPresent(offset -> committable.put(partition, new OffsetAndMetadata(offset)));
            }
        }
        return committable;
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        // Writers start lazily with the first record: nothing is assumed about a newly assigned partition.
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (retries != null) {
            retries.forget(partitions);
        }
        abortAll(partitions);
    }

    @Override
    public void stop() {
        try {
            abortAll(new ArrayList<>(writers.keySet()));
        } finally {
            if (store != null) {
                try {
                    store.close();
                } catch (IOException e) {
                    throw new ConnectException("Cannot close object store " + store + ": " + e, e);
                }
            }
        }
    }

    /** The memory budget of the open files, for monitoring and tests. */
    BufferBudget bufferBudget() {
        return relief.budget();
    }

    private void put(SinkRecord record) {
        TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        TopicPartitionWriter writer = writers.computeIfAbsent(partition,
                tp -> new TopicPartitionWriter(tp, store, format, names, rotation, partitioner, timestamps,
                        relief.fileMemory(), relief.budget()));
        long offset = record.originalKafkaOffset();
        if (record.value() == null && nullValues != FormatConfig.NullValues.WRITE) {
            if (nullValues == FormatConfig.NullValues.IGNORE) {
                writer.skip(offset);
            } else {
                handleUnwritable(record, partition, offset, writer, WritableValue.nullValue(), null);
            }
            return;
        }
        Optional<String> problem;
        DataException cause = null;
        try {
            Row row = envelope.row(record);
            problem = WritableValue.problem(row, format, rowsNeedColumns);
            if (problem.isEmpty()) {
                writer.write(record, row, offset, clock.instant());
            }
        } catch (DataException e) {
            problem = Optional.of(e.getMessage());
            cause = e;
        }
        if (problem.isPresent()) {
            handleUnwritable(record, partition, offset, writer, problem.get(), cause);
        }
    }

    /**
     * Completes the files that are due. A transient store failure discards the partition's files and rewinds it;
     * inside {@code put} it also asks the worker to deliver the batch again after the backoff.
     */
    private void rotateDueFiles(boolean inPut) {
        Instant now = clock.instant();
        for (Map.Entry<TopicPartition, TopicPartitionWriter> entry : new ArrayList<>(writers.entrySet())) {
            try {
                entry.getValue().rotateIfDue(now);
            } catch (ConnectException e) {
                RuntimeException failure = retries.failed(writers, entry.getKey(), -1, e);
                if (inPut || !(failure instanceof RetriableException)) {
                    throw failure;
                }
                // Outside put the worker re-reads the partition from the rewind offset; no batch to repeat.
                log.warn("{}", failure.getMessage(), e);
            }
        }
    }

    private void handleUnwritable(SinkRecord record, TopicPartition partition, long offset,
            TopicPartitionWriter writer, String reason, DataException cause) {
        DataException error = new DataException("Cannot write record " + partition + "@" + offset + ": " + reason,
                cause);
        if (errantRecords.isEmpty()) {
            throw error;
        }
        // The worker waits for reported records to reach the dead-letter queue before committing offsets.
        errantRecords.get().report(record, error);
        writer.skip(offset);
    }

    private void abortAll(Collection<TopicPartition> partitions) {
        ConnectException first = null;
        for (TopicPartition partition : partitions) {
            TopicPartitionWriter writer = writers.remove(partition);
            if (writer == null) {
                continue;
            }
            try {
                writer.abort();
            } catch (ConnectException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private Optional<ErrantRecordReporter> errantRecordReporter() {
        try {
            return Optional.ofNullable(context.errantRecordReporter());
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // Workers older than Kafka 2.6 have no reporter: fail on bad records instead.
            return Optional.empty();
        }
    }
}
