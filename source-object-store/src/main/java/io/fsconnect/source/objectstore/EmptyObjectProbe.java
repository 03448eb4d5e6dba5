package io.fsconnect.source.objectstore;

import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.RecordReaderException;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Recognises, for the connector's listing, objects that hold no record: a CSV file with only its header, an empty
 * JSON Lines file, a Parquet file of zero rows. Kafka Connect commits a source offset only together with a record,
 * so such an object never gets the offset saying it was read to its end and would otherwise stay pending, and be
 * assigned and opened again, for ever. To keep the cost of this off objects that tasks are about to read anyway, an
 * object is opened here only when it is at most {@value #MAX_BYTES} bytes, has had no offset for its version in two
 * listings in a row (so a task had its turn at it), and only {@value #PER_LISTING} per listing; the answer is
 * remembered for that version while the connector runs and the object stays unread. A file that does not read
 * cleanly counts as holding records, so that a task reports it under {@code bad.record.policy}. Used by the listing
 * thread only.
 */
final class EmptyObjectProbe {

    static final long MAX_BYTES = 1L << 20;
    static final int PER_LISTING = 100;

    private record Answer(SourceObject version, boolean empty) {
    }

    private final ObjectOpener opener;
    private final Map<String, Answer> answers = new HashMap<>();
    private Set<String> unreadBefore = Set.of();
    private Set<String> unreadNow = new HashSet<>();
    private int budget;

    EmptyObjectProbe(ObjectOpener opener) {
        this.opener = opener;
    }

    /** Starts a listing: objects passed to {@link #holdsNoRecord} until the next call are its unread ones. */
    void startListing() {
        unreadBefore = unreadNow;
        unreadNow = new HashSet<>();
        budget = PER_LISTING;
    }

    /**
     * Whether {@code object}, which has no committed offset for this version, is known to hold no record; false
     * while that is not (yet) known.
     *
     * @throws IOException if the store fails while the object is opened
     */
    boolean holdsNoRecord(SourceObject object) throws IOException {
        unreadNow.add(object.key());
        Answer known = answers.get(object.key());
        if (known != null && known.version().equals(object)) {
            return known.empty();
        }
        if (object.size() > MAX_BYTES || !unreadBefore.contains(object.key()) || budget == 0) {
            return false;
        }
        budget--;
        boolean empty = opensEmpty(object.key());
        answers.put(object.key(), new Answer(object, empty));
        return empty;
    }

    /** Ends a listing, forgetting the objects that now have an offset or are gone. */
    void endListing() {
        answers.keySet().retainAll(unreadNow);
    }

    private boolean opensEmpty(String key) throws IOException {
        try (RecordReader reader = opener.open(key)) {
            return reader.next().isEmpty();
        } catch (NoSuchObjectException | RecordReaderException e) {
            return false;
        }
    }
}
