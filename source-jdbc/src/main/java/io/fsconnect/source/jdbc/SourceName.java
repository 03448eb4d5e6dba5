package io.fsconnect.source.jdbc;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The name of one source of a connector that reads several: a discovered table ({@code schema.table}
 * or {@code table}) or a named query of {@code queries}. Ordered by kind and name, which makes the
 * assignment of sources to tasks deterministic. Encoded as {@code table:<name>} or
 * {@code query:<name>} in task configurations.
 *
 * @param kind {@code table} or {@code query}
 * @param name the table's name or the query's name
 */
record SourceName(String kind, String name) implements Comparable<SourceName> {

    private static final String TABLE = "table";
    private static final String QUERY = "query";

    SourceName {
        if (!kind.equals(TABLE) && !kind.equals(QUERY)) {
            throw new IllegalArgumentException("Cannot name a source of kind '" + kind + "': expected table or query");
        }
    }

    static SourceName table(String name) {
        return new SourceName(TABLE, name);
    }

    static SourceName query(String name) {
        return new SourceName(QUERY, name);
    }

    boolean isTable() {
        return kind.equals(TABLE);
    }

    String encode() {
        return kind + ":" + name;
    }

    static SourceName decode(String encoded) {
        int colon = encoded.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Cannot decode the source '" + encoded + "': expected kind:name");
        }
        return new SourceName(encoded.substring(0, colon), encoded.substring(colon + 1));
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
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : name.compareTo(other.name);
    }
}
