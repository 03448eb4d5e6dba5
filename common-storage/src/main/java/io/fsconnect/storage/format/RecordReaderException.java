package io.fsconnect.storage.format;

import org.apache.kafka.connect.errors.DataException;

/**
 * A record a {@link RecordReader} cannot turn into a value, or a file it cannot read on from. It names
 * the record's index in the file; {@link #canContinue()} says whether the reader has moved past the
 * bad record and can read the following ones (a malformed CSV row) or not (a truncated Parquet file).
 * The message says what is wrong; callers add which object it is.
 */
public class RecordReaderException extends DataException {

    private static final long serialVersionUID = 1L;

    private final long position;
    private final boolean canContinue;

    public RecordReaderException(String reason, long position, boolean canContinue) {
        super(reason);
        this.position = position;
        this.canContinue = canContinue;
    }

    public RecordReaderException(String reason, long position, boolean canContinue, Throwable cause) {
        super(reason, cause);
        this.position = position;
        this.canContinue = canContinue;
    }

    /** The index in the file of the record that could not be read. */
    public long position() {
        return position;
    }

    /** Whether the reader is positioned after the bad record and can read the rest of the file. */
    public boolean canContinue() {
        return canContinue;
    }
}
