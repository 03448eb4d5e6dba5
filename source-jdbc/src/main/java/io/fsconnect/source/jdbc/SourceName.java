package io.fsconnect.source.jdbc;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The name of one source a task reads: a table ({@code schema.table} or {@code table}), a named query
 * of {@code queries}, or one chunk of a table's chunked first load. A table with a first-load plan is
 * read incrementally after the plan's upper bound while its chunks load the rest. Ordered by kind,
 * name and chunk, which makes the assignment of sources to tasks deterministic. Encoded on one line
 * in task configurations: {@code table:<name>}, {@code table@<after>,<upTo>,<chunks>:<name>},
 * {@code chunk@<after>,<upTo>,<chunks>,<index>:<name>} or {@code query:<name>}.
 *
 * @param kind {@code table}, {@code chunk} or {@code query}
 * @param name the table's name or the query's name
 * @param plan the first-load plan of a table or chunk, if the table is loaded in chunks
 * @param chunk the 0-based chunk index, present exactly for kind {@code chunk}
 */
record SourceName(String kind, String name, Optional<FirstLoadPlan> plan, OptionalInt chunk)
    implements Comparable<SourceName> {

    private static final String TABLE = "table";
    private static final String CHUNK = "chunk";
    private static final String QUERY = "query";
    private static final Comparator<SourceName> ORDER = Comparator.comparing(SourceName::kind)
        .thenComparing(SourceName::name).thenComparingInt(source -> source.chunk().orElse(0));

    SourceName {
        boolean valid = switch (kind) {
            case TABLE -> chunk.isEmpty();
            case CHUNK -> plan.isPresent() && chunk.isPresent();
            case QUERY -> plan.isEmpty() && chunk.isEmpty();
            default -> false;
        };
        if (!valid) {
            throw new IllegalArgumentException("Cannot name a source of kind '" + kind + "' with plan " + plan
                + " and chunk " + chunk);
        }
    }

    static SourceName table(String name) {
        return new SourceName(TABLE, name, Optional.empty(), OptionalInt.empty());
    }

    /** The incremental reader of a table whose first load follows {@code plan}. */
    static SourceName tableAfter(String name, FirstLoadPlan plan) {
        return new SourceName(TABLE, name, Optional.of(plan), OptionalInt.empty());
    }

    static SourceName chunk(String name, FirstLoadPlan plan, int index) {
        return new SourceName(CHUNK, name, Optional.of(plan), OptionalInt.of(index));
    }

    static SourceName query(String name) {
        return new SourceName(QUERY, name, Optional.empty(), OptionalInt.empty());
    }

    boolean isTable() {
        return !kind.equals(QUERY);
    }

    String encode() {
        String parameters = plan.map(p -> "@" + p.after() + "," + p.upTo() + "," + p.chunks()
            + (chunk.isPresent() ? "," + chunk.getAsInt() : "")).orElse("");
        return kind + parameters + ":" + name;
    }

    static SourceName decode(String encoded) {
        int colon = encoded.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Cannot decode the source '" + encoded + "': expected kind:name");
        }
        String[] head = encoded.substring(0, colon).split("@", 2);
        String name = encoded.substring(colon + 1);
        if (head.length == 1) {
            return new SourceName(head[0], name, Optional.empty(), OptionalInt.empty());
        }
        long[] numbers = Arrays.stream(head[1].split(",")).mapToLong(Long::parseLong).toArray();
        FirstLoadPlan plan = new FirstLoadPlan(numbers[0], numbers[1], (int) numbers[2]);
        OptionalInt chunk = numbers.length > 3 ? OptionalInt.of((int) numbers[3]) : OptionalInt.empty();
        return new SourceName(head[0], name, Optional.of(plan), chunk);
    }

    /** Several names, one per line; table names never contain line breaks. */
    static String encodeAll(List<SourceName> names) {
        return names.stream().map(SourceName::encode).collect(Collectors.joining("\n"));
    }

    static List<SourceName> decodeAll(String encoded) {
        return Arrays.stream(encoded.split("\n")).filter(line -> !line.isEmpty()).map(SourceName::decode).toList();
    }

    @Override
    public int compareTo(SourceName other) {
        return ORDER.compare(this, other);
    }
}
