package io.fsconnect.sink;

/**
 * Makes a value safe as one directory name in the {@code key=value} form Hive, Spark, Trino and DuckDB
 * read as a partition column: characters that would split or confuse a path are written as {@code %XX},
 * as Hive escapes them, and null (or empty) is Hive's {@code __HIVE_DEFAULT_PARTITION__}, which those engines read
 * back as null.
 */
final class PathSegment {

    static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";
    private static final String ESCAPED = "\"#%'*/:=?\\{}[]^";

    private PathSegment() {
    }

    /** {@code key=value}; a null or empty value is Hive's default partition, as Hive writes it. */
    static String keyValue(String key, String value) {
        return escape(key) + "=" + (value == null || value.isEmpty() ? NULL_VALUE : escape(value));
    }

    static String escape(String text) {
        if (text.equals(".") || text.equals("..")) {
            // Would name the same or the parent directory.
            return text.replace(".", "%2E");
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || ESCAPED.indexOf(c) >= 0) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
