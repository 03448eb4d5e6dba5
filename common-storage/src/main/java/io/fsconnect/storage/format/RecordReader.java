package io.fsconnect.storage.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Reads the records of one file, in file order, as Connect values. Every record has an index, counted
 * from 0 in file order and including records that turn out to be malformed, so that an index stored as
 * a resume position means the same record on every read of the same file. {@link #next()} returns the
 * record at {@link #position()} and advances past it; a malformed record makes it throw a
 * {@link RecordReaderException} that names the record's index and says whether reading can go on after
 * it. A reader is used by one thread and closes its input when closed.
 */
public interface RecordReader extends Closeable {

    /**
     * The next record, or empty at the end of the file.
     *
     * @throws RecordReaderException if the record at {@link #position()} is malformed or the file is corrupt
     * @throws IOException if the input fails
     */
    Optional<SchemaAndValue> next() throws IOException;

    /** The index of the record the next call to {@link #next()} reads: the number of records passed so far. */
    long position();

    /**
     * Moves forward to the record at {@code index} without converting the records in between; malformed
     * records on the way count like any other. Does nothing if the reader is already there or past it.
     *
     * @throws RecordReaderException if the file ends or is corrupt before {@code index}
     * @throws IOException if the input fails
     */
    default void skipTo(long index) throws IOException {
        while (position() < index) {
            try {
                if (next().isEmpty()) {
                    throw new RecordReaderException("the file ends after " + position() + " record(s), before the"
                            + " resume position " + index, position(), false);
                }
            } catch (RecordReaderException e) {
                if (!e.canContinue()) {
                    throw e;
                }
            }
        }
    }
}
