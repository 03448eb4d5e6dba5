package io.fsconnect.bench;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.RecordWriter;
import java.io.IOException;
import java.util.Optional;

/**
 * The files an object-store source scenario reads: {@link BenchRows} written with the same format writers the
 * sink uses, {@code rowsPerFile} consecutive ids per file, through the store adapter the source then reads from.
 * Keys are {@code <prefix>part-<nn><extension>}, so they list in id order.
 */
final class LakeFiles {

    private LakeFiles() {
    }

    /** Writes rows 1..{@code files * rowsPerFile} into {@code files} objects under {@code prefix}. */
    static void write(ObjectStore store, String prefix, RecordFormat format, int files, int rowsPerFile)
            throws IOException {
        for (int file = 0; file < files; file++) {
            String key = String.format("%spart-%02d%s", prefix, file, format.extension());
            long first = 1L + (long) file * rowsPerFile;
            try (ObjectUpload upload = store.create(key);
                 RecordWriter writer = format.open(upload, Optional.of(BenchRows.VALUE_SCHEMA))) {
                for (long id = first; id < first + rowsPerFile; id++) {
                    writer.write(BenchRows.value(id));
                }
                writer.commit();
            }
        }
    }
}
