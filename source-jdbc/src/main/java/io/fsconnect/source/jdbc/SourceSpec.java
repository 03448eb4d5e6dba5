package io.fsconnect.source.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one reader reads: a table, one key range of a table's chunked first load, or a SQL query. It knows its stable identity (the source
 * partition under which offsets are stored) and how to appear in a FROM clause; a query always
 * appears as a parenthesised subquery with an alias, so filters and ordering wrap it and are never
 * appended to the user's SQL.
 */
public sealed interface SourceSpec {

    /** Alias of a wrapped query; unusual enough not to clash with the user's own names. */
    String QUERY_ALIAS = "fsconnect_source";

    /** The stable identity of this source; a changed query is a new source and starts afresh. */
    SourcePartition partition();

    /** A table reference or {@code (<query>) alias}, for use after FROM. */
    String fromClause(Dialect dialect);

    /** Short human description for logs and error messages. */
    String describe();

    /** Fields stored in every offset of this source besides the watermarks; none by default. */
    default Map<String, Object> offsetFields() {
        return Map.of();
    }

    /** The table whose primary key becomes the record key by default, if this source is (part of) a table. */
    default Optional<String> tableName() {
        return Optional.empty();
    }

    /** A table, optionally qualified as {@code schema.table}; each part is quoted. */
    record Table(String name) implements SourceSpec {
        @Override
        public SourcePartition partition() {
            return new SourcePartition("table:" + name);
        }

        @Override
        public String fromClause(Dialect dialect) {
            return dialect.quoteQualifiedName(name);
        }

        @Override
        public String describe() {
            return "table " + name;
        }

        @Override
        public Optional<String> tableName() {
            return Optional.of(name);
        }
    }

    /**
     * The incremental reader of a table whose first load is split into chunks: reads like
     * {@link Table}, under the same partition, and stores the plan in its offsets too, so that a
     * restarted connector finds the plan even when no chunk has stored an offset yet.
     */
    record TableAfterLoad(String name, FirstLoadPlan plan) implements SourceSpec {
        @Override
        public SourcePartition partition() {
            return new Table(name).partition();
        }

        @Override
        public String fromClause(Dialect dialect) {
            return dialect.quoteQualifiedName(name);
        }

        @Override
        public String describe() {
            return "table " + name + " (after its first load up to " + plan.upTo() + ")";
        }

        @Override
        public Map<String, Object> offsetFields() {
            return plan.toOffsetFields();
        }

        @Override
        public Optional<String> tableName() {
            return Optional.of(name);
        }
    }

    /**
     * One key range of the chunked first load of a table: the rows whose incrementing column lies in
     * {@link FirstLoadPlan#range(int)}. Its offsets live under a partition of their own,
     * {@code table:<name>#chunk:<index>/<count>}, and carry the plan, so that the plan survives
     * restarts of the connector.
     */
    record TableChunk(String name, FirstLoadPlan plan, int index) implements SourceSpec {
        @Override
        public SourcePartition partition() {
            return FirstLoadPlan.chunkPartition(name, index, plan.chunks());
        }

        @Override
        public String fromClause(Dialect dialect) {
            return dialect.quoteQualifiedName(name);
        }

        @Override
        public String describe() {
            FirstLoadPlan.Range range = plan.range(index);
            return "table " + name + " (first-load chunk " + (index + 1) + " of " + plan.chunks() + ": keys after "
                + range.after() + " up to " + range.upTo() + ")";
        }

        @Override
        public Map<String, Object> offsetFields() {
            return plan.toOffsetFields();
        }

        @Override
        public Optional<String> tableName() {
            return Optional.of(name);
        }
    }

    /** A SQL query; trailing semicolons and surrounding white space are not part of it. */
    record Query(String sql) implements SourceSpec {
        private static final Pattern TRAILING_SEMICOLONS = Pattern.compile("[\\s;]+$");
        private static final int DESCRIPTION_CHARS = 60;

        public Query {
            sql = TRAILING_SEMICOLONS.matcher(sql.strip()).replaceAll("");
        }

        @Override
        public SourcePartition partition() {
            return new SourcePartition("query:" + sha256(sql));
        }

        @Override
        public String fromClause(Dialect dialect) {
            // The newline ends a trailing "-- comment" in the user's SQL before the closing parenthesis.
            return "(" + sql + "\n) " + QUERY_ALIAS;
        }

        @Override
        public String describe() {
            String oneLine = sql.replaceAll("\\s+", " ");
            return "query " + (oneLine.length() <= DESCRIPTION_CHARS ? oneLine
                : oneLine.substring(0, DESCRIPTION_CHARS) + "...");
        }

        private static String sha256(String text) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime provides SHA-256", e);
            }
        }
    }
}
