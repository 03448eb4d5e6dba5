package io.fsconnect.source.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The config fragment that says which sources one connector reads, beyond the single
 * {@code table.name} or {@code query}: tables chosen by include/exclude regular expressions and
 * discovered periodically, or several named SQL queries, each with its own topic and optional
 * per-query column settings ({@code query.<name>.<key>}). It also names the topics of such sources
 * ({@code topic.prefix}, {@code topic.template}). Exactly one of {@code table.name}, {@code query},
 * {@code table.include.list} and {@code queries} is set; {@link #problems} reports every rule that
 * involves these keys.
 */
final class SourceSelectionKeys {

    static final String SELECTION_GROUP = "Table discovery and named queries";

    public static final String TABLE_INCLUDE_LIST = "table.include.list";
    private static final String TABLE_INCLUDE_LIST_DOC =
        "Regular expressions, separated by commas, of the tables to read: a table is read when an "
            + "expression matches its whole name, either schema.table or the bare table name. Tables "
            + "created or dropped while the connector runs are found every table.poll.interval.ms and "
            + "the tasks are reconfigured. Each table goes to its own topic, see topic.template.";
    private static final List<String> TABLE_INCLUDE_LIST_DEFAULT = List.of();

    public static final String TABLE_EXCLUDE_LIST = "table.exclude.list";
    private static final String TABLE_EXCLUDE_LIST_DOC =
        "Regular expressions, separated by commas, of tables not to read even though "
            + "table.include.list matches them; matched like table.include.list.";
    private static final List<String> TABLE_EXCLUDE_LIST_DEFAULT = List.of();

    public static final String SCHEMA_PATTERN = "schema.pattern";
    private static final String SCHEMA_PATTERN_DOC =
        "JDBC schema pattern (SQL LIKE syntax: % and _) that limits table discovery to matching "
            + "schemas. Unset searches every schema the user can see.";
    private static final String SCHEMA_PATTERN_DEFAULT = null;

    public static final String TABLE_TYPES = "table.types";
    private static final String TABLE_TYPES_DOC =
        "Kinds of tables that discovery considers, as the JDBC driver names them, e.g. TABLE,VIEW.";
    private static final List<String> TABLE_TYPES_DEFAULT = List.of("TABLE");

    public static final String TABLE_POLL_INTERVAL_MS = "table.poll.interval.ms";
    private static final String TABLE_POLL_INTERVAL_MS_DOC =
        "How often the connector lists the database's tables to find tables that table.include.list "
            + "now matches or that were dropped.";
    private static final long TABLE_POLL_INTERVAL_MS_DEFAULT = 60_000L;

    public static final String QUERIES = "queries";
    private static final String QUERIES_DOC =
        "Names of SQL queries to read, separated by commas, e.g. daily,hourly. Each name needs "
            + "query.<name>.sql and may set query.<name>.topic and per-query overrides of "
            + "mode, incrementing.column.name, incrementing.initial, timestamp.column.name, "
            + "timestamp.initial, primary.key.columns and event.time.column, written as "
            + "query.<name>.<key>. Names use letters, digits, '_' and '-'.";
    private static final List<String> QUERIES_DEFAULT = List.of();

    public static final String TOPIC_PREFIX = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC =
        "Text put in front of every topic name made from topic.template.";
    private static final String TOPIC_PREFIX_DEFAULT = "";

    public static final String TOPIC_TEMPLATE = "topic.template";
    private static final String TOPIC_TEMPLATE_DOC =
        "Topic name of each table of table.include.list and each query of queries (unless "
            + "query.<name>.topic is set), after topic.prefix. ${table} is the table name without its "
            + "schema, ${schema} its schema (empty when there is none), ${query} the query's name. "
            + "Characters that Kafka does not allow in topic names become '_'. Unset means ${table} "
            + "for tables and ${query} for queries.";
    private static final String TOPIC_TEMPLATE_DEFAULT = null;

    public static final String FIRST_LOAD_CHUNKS = "first.load.chunks";
    private static final String FIRST_LOAD_CHUNKS_DOC =
        "In mode=incrementing, split the first load of each table into this many ranges of the "
            + "incrementing column (from its lowest to its highest value when the load starts), read "
            + "in parallel by the tasks, each resumable on its own; rows added meanwhile are read by the "
            + "table's incremental reader, which starts after the highest value at once. Each row is "
            + "read by exactly one of them, but rows of the load arrive in the topic in several "
            + "interleaved streams instead of key order. Do not change it while a first load runs. 1 "
            + "reads the table in one stream.";
    private static final int FIRST_LOAD_CHUNKS_DEFAULT = 1;

    /** Prefix of the per-query keys, followed by the query name, a dot and the key. */
    static final String QUERY_KEY_PREFIX = "query.";

    /** The key of a named query's SQL, after {@code query.<name>.}. */
    static final String QUERY_SQL_SUFFIX = "sql";

    /** Keys a named query may override, after {@code query.<name>.}; {@code sql} is its SQL. */
    static final Set<String> QUERY_KEYS = Set.of(QUERY_SQL_SUFFIX, JdbcSourceConfig.TOPIC, JdbcSourceConfig.MODE,
        JdbcSourceConfig.INCREMENTING_COLUMN_NAME, JdbcSourceConfig.INCREMENTING_INITIAL,
        JdbcSourceConfig.TIMESTAMP_COLUMN_NAME, JdbcSourceConfig.TIMESTAMP_INITIAL,
        JdbcSourceConfig.PRIMARY_KEY_COLUMNS, JdbcSourceConfig.EVENT_TIME_COLUMN);

    private static final Pattern QUERY_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    // "query.timeout.ms" would read as a setting of a query named "timeout".
    private static final Set<String> RESERVED_QUERY_NAMES = Set.of("timeout");

    private SourceSelectionKeys() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(TABLE_INCLUDE_LIST, Type.LIST, TABLE_INCLUDE_LIST_DEFAULT, new RegexList(), Importance.HIGH,
            TABLE_INCLUDE_LIST_DOC, SELECTION_GROUP, ++order, Width.LONG, "Tables to include (regex)");
        def.define(TABLE_EXCLUDE_LIST, Type.LIST, TABLE_EXCLUDE_LIST_DEFAULT, new RegexList(), Importance.MEDIUM,
            TABLE_EXCLUDE_LIST_DOC, SELECTION_GROUP, ++order, Width.LONG, "Tables to exclude (regex)");
        def.define(SCHEMA_PATTERN, Type.STRING, SCHEMA_PATTERN_DEFAULT, Importance.MEDIUM, SCHEMA_PATTERN_DOC,
            SELECTION_GROUP, ++order, Width.MEDIUM, "Schema pattern");
        def.define(TABLE_TYPES, Type.LIST, TABLE_TYPES_DEFAULT, ConfigDef.LambdaValidator.with(
                (name, value) -> {
                    if (value instanceof List<?> list && list.isEmpty()) {
                        throw new ConfigException(name, value, "Cannot discover tables of no type: name at "
                            + "least one, e.g. TABLE");
                    }
                }, () -> "table types, e.g. TABLE,VIEW"), Importance.LOW, TABLE_TYPES_DOC,
            SELECTION_GROUP, ++order, Width.SHORT, "Table types");
        def.define(TABLE_POLL_INTERVAL_MS, Type.LONG, TABLE_POLL_INTERVAL_MS_DEFAULT, Range.atLeast(1_000),
            Importance.LOW, TABLE_POLL_INTERVAL_MS_DOC, SELECTION_GROUP, ++order, Width.SHORT,
            "Table discovery interval (ms)");
        def.define(FIRST_LOAD_CHUNKS, Type.INT, FIRST_LOAD_CHUNKS_DEFAULT, Range.between(1, 10_000), Importance.MEDIUM,
            FIRST_LOAD_CHUNKS_DOC, SELECTION_GROUP, ++order, Width.SHORT, "First-load chunks");
        def.define(QUERIES, Type.LIST, QUERIES_DEFAULT, new QueryNames(), Importance.HIGH, QUERIES_DOC,
            SELECTION_GROUP, ++order, Width.LONG, "Named queries");
        def.define(TOPIC_PREFIX, Type.STRING, TOPIC_PREFIX_DEFAULT, Importance.MEDIUM, TOPIC_PREFIX_DOC,
            SELECTION_GROUP, ++order, Width.MEDIUM, "Topic prefix");
        def.define(TOPIC_TEMPLATE, Type.STRING, TOPIC_TEMPLATE_DEFAULT, Importance.MEDIUM, TOPIC_TEMPLATE_DOC,
            SELECTION_GROUP, ++order, Width.MEDIUM, "Topic template");
    }

    /** The rules involving the choice of sources and their topics; {@code parsed} as in the config. */
    static List<JdbcSourceConfig.ConfigProblem> problems(Function<String, Object> parsed) {
        List<JdbcSourceConfig.ConfigProblem> problems = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        for (String key : List.of(JdbcSourceConfig.TABLE_NAME, JdbcSourceConfig.QUERY, TABLE_INCLUDE_LIST, QUERIES)) {
            Object value = parsed.apply(key);
            if (value instanceof List<?> list ? !list.isEmpty() : JdbcSourceConfig.isSet(value)) {
                chosen.add(key);
            }
        }
        if (chosen.size() > 1) {
            String message = "Cannot read from " + String.join(" and ", chosen) + " at once: set exactly one of "
                + JdbcSourceConfig.TABLE_NAME + ", " + JdbcSourceConfig.QUERY + ", " + TABLE_INCLUDE_LIST + " and "
                + QUERIES + " and remove the others";
            chosen.forEach(key -> problems.add(new JdbcSourceConfig.ConfigProblem(key, message)));
        } else if (chosen.isEmpty()) {
            String message = "Cannot tell what to read: set exactly one of " + JdbcSourceConfig.TABLE_NAME + ", "
                + JdbcSourceConfig.QUERY + ", " + TABLE_INCLUDE_LIST + " or " + QUERIES;
            for (String key : List.of(JdbcSourceConfig.TABLE_NAME, JdbcSourceConfig.QUERY)) {
                problems.add(new JdbcSourceConfig.ConfigProblem(key, message));
            }
        } else {
            boolean single = chosen.get(0).equals(JdbcSourceConfig.TABLE_NAME)
                || chosen.get(0).equals(JdbcSourceConfig.QUERY);
            boolean hasTopic = JdbcSourceConfig.isSet(parsed.apply(JdbcSourceConfig.TOPIC));
            if (single && !hasTopic) {
                problems.add(new JdbcSourceConfig.ConfigProblem(JdbcSourceConfig.TOPIC, "Cannot read "
                    + chosen.get(0) + " without " + JdbcSourceConfig.TOPIC + ": set the topic to write the rows to"));
            } else if (!single && hasTopic) {
                problems.add(new JdbcSourceConfig.ConfigProblem(JdbcSourceConfig.TOPIC, "Cannot write every source of "
                    + chosen.get(0) + " to the one " + JdbcSourceConfig.TOPIC + ": remove it and use "
                    + TOPIC_PREFIX + " and " + TOPIC_TEMPLATE + " (or query.<name>.topic)"));
            }
        }
        Object chunks = parsed.apply(FIRST_LOAD_CHUNKS);
        if (chunks instanceof Integer count && count > 1) {
            if (!Mode.INCREMENTING.configValue().equals(parsed.apply(JdbcSourceConfig.MODE))) {
                problems.add(new JdbcSourceConfig.ConfigProblem(FIRST_LOAD_CHUNKS, "Cannot use "
                    + FIRST_LOAD_CHUNKS + "=" + count + " in " + JdbcSourceConfig.MODE + "=" + parsed.apply(JdbcSourceConfig.MODE)
                    + ": chunks are ranges of the incrementing column; use mode=incrementing or set it to 1"));
            }
            if (chosen.contains(JdbcSourceConfig.QUERY) || chosen.contains(QUERIES)) {
                problems.add(new JdbcSourceConfig.ConfigProblem(FIRST_LOAD_CHUNKS, "Cannot use " + FIRST_LOAD_CHUNKS
                    + " with a query: only tables (" + JdbcSourceConfig.TABLE_NAME + ", " + TABLE_INCLUDE_LIST + ") are; set it to 1"));
            }
        }
        return problems;
    }

    /** Whether {@code name} may name a query of {@code queries}. */
    static boolean isValidQueryName(String name) {
        return QUERY_NAME.matcher(name).matches() && !RESERVED_QUERY_NAMES.contains(name);
    }

    private static final class RegexList implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    try {
                        Pattern.compile(String.valueOf(item).strip());
                    } catch (PatternSyntaxException e) {
                        throw new ConfigException(name, value, "Cannot parse the regular expression '" + item
                            + "': " + e.getDescription() + "; separate several expressions with commas");
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "regular expressions separated by commas";
        }
    }

    private static final class QueryNames implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    String queryName = String.valueOf(item).strip();
                    if (!isValidQueryName(queryName)) {
                        throw new ConfigException(name, value, "Cannot use '" + queryName + "' as a query name: "
                            + "use letters, digits, '_' and '-' (and not " + RESERVED_QUERY_NAMES + ")");
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "query names separated by commas";
        }
    }
}
