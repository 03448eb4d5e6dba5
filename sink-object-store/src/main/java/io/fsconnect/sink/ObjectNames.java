package io.fsconnect.sink;

import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * Names the object of a file from what is in it:
 * {@code <topics.dir>/<topic>/partition=<p>/<topic>+<p>+<startOffset>.<ext>}, the start offset being the
 * Kafka offset of the file's first record, zero-padded to 20 digits so that names sort by offset. The
 * same records always get the same name, so a replay rewrites an object instead of adding a duplicate.
 */
record ObjectNames(String topicsDir, String extension) {

    ObjectNames {
        Objects.requireNonNull(topicsDir, "topicsDir");
        Objects.requireNonNull(extension, "extension");
    }

    String key(TopicPartition partition, long startOffset) {
        return topicsDir + "/" + partition.topic() + "/partition=" + partition.partition() + "/"
                + partition.topic() + "+" + partition.partition() + "+" + String.format("%020d", startOffset)
                + extension;
    }
}
