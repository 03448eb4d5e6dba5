package io.fsconnect.source.objectstore;

import java.util.Map;

/**
 * How far one object has been read, as stored in Kafka Connect's offsets: the version of the object
 * it refers to, the index of the next record to read, and whether the object was read to its end.
 * Stored as {@code {"size": <long>, "mtime": <epoch ms>, "record": <long>, "done": <boolean>}} under
 * the source partition {@code {"store": <store id>, "object": <key>}}; {@link OffsetLoader} is the
 * only place that parses a stored map back.
 *
 * @param size the object's size when read
 * @param lastModifiedMillis the object's last-modified time when read
 * @param record the index of the next record to read
 * @param done whether every record of the object has been handed to Kafka Connect
 */
record ObjectOffset(long size, long lastModifiedMillis, long record, boolean done) {

    static final String SIZE_KEY = "size";
    static final String MTIME_KEY = "mtime";
    static final String RECORD_KEY = "record";
    static final String DONE_KEY = "done";

    /** The offset of {@code object} after its records before {@code record} were read. */
    static ObjectOffset of(SourceObject object, long record, boolean done) {
        return new ObjectOffset(object.size(), object.lastModifiedMillis(), record, done);
    }

    Map<String, Object> toMap() {
        return Map.of(SIZE_KEY, size, MTIME_KEY, lastModifiedMillis, RECORD_KEY, record, DONE_KEY, done);
    }
}
