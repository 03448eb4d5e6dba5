package io.fsconnect.sink;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.format.RecordFormat;
import java.util.Collection;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Keeps one task's open files within {@code buffer.max.bytes}: it holds the task's {@link BufferBudget} and the
 * estimate of what each open file holds ({@link FileMemory}), and after each record completes the files of the
 * partitions holding the most when the budget needs relief. Files completed early make their offsets committable,
 * so it then asks the worker to commit soon, which narrows what a failure replays. Used by the task's thread only.
 */
final class BufferRelief {

    private final BufferBudget budget;
    private final FileMemory fileMemory;
    private final SinkTaskContext context;

    private BufferRelief(BufferBudget budget, FileMemory fileMemory, SinkTaskContext context) {
        this.budget = budget;
        this.fileMemory = fileMemory;
        this.context = context;
    }

    /** The relief of {@code buffer.max.bytes} in {@code config}, for files of {@code format} in {@code store}. */
    static BufferRelief of(AbstractConfig config, RecordFormat format, ObjectStore store, SinkTaskContext context) {
        return new BufferRelief(BufferBudgetConfig.budget(config), BufferBudgetConfig.fileMemory(format, store, config),
                context);
    }

    /**
     * Completes the files of the partitions holding the most if one more record could take the open files past the
     * budget.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException if the store fails
     */
    void afterRecord(Collection<TopicPartitionWriter> writers) {
        if (budget.needsRelief() && budget.relieve(writers) > 0) {
            context.requestCommit();
        }
    }

    BufferBudget budget() {
        return budget;
    }

    FileMemory fileMemory() {
        return fileMemory;
    }
}
