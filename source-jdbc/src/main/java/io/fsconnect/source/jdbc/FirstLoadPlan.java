package io.fsconnect.source.jdbc;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the first load of a large table is split: the rows whose incrementing column lies in
 * {@code (after, upTo]} (the values present when the load was planned) are read in {@code chunks}
 * equal key ranges, each by its own reader with its own offset, possibly on different tasks; the
 * table's ordinary incremental reader starts after {@code upTo} at the same time. The two sets of
 * rows are disjoint and together cover the table, so there is no switch-over at which a row could be
 * lost or read twice. Rows that become visible later with a value at or below {@code upTo} (long
 * transactions) are not read, the same limit as {@code mode=incrementing} has.
 *
 * <p>The plan is stored in every offset of its chunks ({@link #toOffsetFields()}), so a restarted
 * connector finds the plan it made before instead of planning again over a table that has grown.
 *
 * @param after the load reads values greater than this
 * @param upTo the load reads values up to and including this; the incremental reader starts after it
 * @param chunks the number of key ranges, at least 1
 */
record FirstLoadPlan(long after, long upTo, int chunks) {

    static final String AFTER_KEY = "first.load.after";
    static final String UP_TO_KEY = "first.load.up.to";
    static final String CHUNKS_KEY = "first.load.chunks";

    FirstLoadPlan {
        if (chunks < 1 || upTo < after) {
            throw new IllegalArgumentException("Cannot plan a first load of " + chunks + " chunk(s) over (" + after
                + ", " + upTo + "]");
        }
    }

    /** The key range {@code (after, upTo]} of chunk {@code index} (0-based); the ranges tile the plan. */
    Range range(int index) {
        return new Range(boundary(index), boundary(index + 1));
    }

    private long boundary(int index) {
        BigInteger width = BigInteger.valueOf(upTo).subtract(BigInteger.valueOf(after));
        return BigInteger.valueOf(after).add(width.multiply(BigInteger.valueOf(index))
            .divide(BigInteger.valueOf(chunks))).longValueExact();
    }

    Map<String, Object> toOffsetFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(AFTER_KEY, after);
        fields.put(UP_TO_KEY, upTo);
        fields.put(CHUNKS_KEY, chunks);
        return fields;
    }

    /** The plan stored in a chunk's offset, if the offset has one. */
    static Optional<FirstLoadPlan> fromOffset(Map<String, ?> offset) {
        if (offset == null || !(offset.get(AFTER_KEY) instanceof Number after)
            || !(offset.get(UP_TO_KEY) instanceof Number upTo) || !(offset.get(CHUNKS_KEY) instanceof Number chunks)) {
            return Optional.empty();
        }
        return Optional.of(new FirstLoadPlan(after.longValue(), upTo.longValue(), chunks.intValue()));
    }

    /** The source partition of chunk {@code index} of {@code chunks} of table {@code table}. */
    static SourcePartition chunkPartition(String table, int index, int chunks) {
        return new SourcePartition(new SourceSpec.Table(table).partition().id() + "#chunk:" + (index + 1) + "/" + chunks);
    }

    /**
     * One chunk's key range.
     *
     * @param after values greater than this
     * @param upTo values up to and including this
     */
    record Range(long after, long upTo) {
    }
}
