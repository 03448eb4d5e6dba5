package io.fsconnect.sink;

import java.util.Objects;

/**
 * Names the object of a file from what is in it:
 * {@code <topics.dir>/<topic>/<encoded partition>/<topic>+<p>+<startOffset>.<ext>}, the encoded partition
 * coming from the {@link Partitioner} ({@code partition=<p>} by default) and the start offset being the
 * Kafka offset of the file's first record, zero-padded to 20 digits so that names sort by offset. The
 * same records always get the same name, so a replay rewrites an object instead of adding a duplicate.
 */
record ObjectNames(String topicsDir, String extension) {

    ObjectNames {
        Objects.requireNonNull(topicsDir, "topicsDir");
        Objects.requireNonNull(extension, "extension");
    }

    String key(String topic, int partition, String encodedPartition, long startOffset) {
        return topicsDir + "/" + topic + "/" + encodedPartition + "/" + topic + "+" + partition + "+"
                + String.format("%020d", startOffset) + extension;
    }
}
