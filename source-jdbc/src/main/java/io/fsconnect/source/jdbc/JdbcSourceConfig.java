package io.fsconnect.source.jdbc;

import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.jdbc.JdbcCredentials;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The configuration of the JDBC source connector and of its task: one {@link ConfigDef} for both,
 * typed accessors, and the cross-field rules ({@code table.name} XOR {@code query}; an incrementing
 * column for the modes that use one, timestamp columns for the timestamp modes). Constructing an
 * instance with a configuration that breaks a rule throws a {@link ConfigException} naming the keys; {@link #crossFieldProblems} reports the
 * same rules per key for {@code validate()}. The password is only reachable through
 * {@link #password()} and never appears in {@link #toString()}.
 */
public final class JdbcSourceConfig extends AbstractConfig {

    static final String CONNECTION_GROUP = "Connection";
    static final String SOURCE_GROUP = "Source";
    static final String RECORD_GROUP = "Records";
    static final String POLLING_GROUP = "Polling";

    public static final String CONNECTION_URL = "connection.url";
    private static final String CONNECTION_URL_DOC =
        "JDBC URL of the database, e.g. jdbc:postgresql://host:5432/db. The URL also selects the SQL "
            + "dialect (identifier quoting, streaming). Put credentials in connection.user and "
            + "connection.password, not in the URL. Set either this or a data source (datasource or "
            + "datasource.* keys).";
    private static final String CONNECTION_URL_DEFAULT = null;

    public static final String CONNECTION_USER = "connection.user";
    private static final String CONNECTION_USER_DOC = "Database user name.";
    private static final String CONNECTION_USER_DEFAULT = null;

    public static final String CONNECTION_PASSWORD = "connection.password";
    private static final String CONNECTION_PASSWORD_DOC =
        "Database password. Prefer a config provider placeholder such as ${file:/path:key}.";
    private static final Password CONNECTION_PASSWORD_DEFAULT = null;

    public static final String TABLE_NAME = "table.name";
    private static final String TABLE_NAME_DOC =
        "Table to read, optionally qualified as schema.table. Each part is quoted, so it must be "
            + "spelled as the database stores it. Set exactly one of table.name, query, table.include.list "
            + "and queries.";
    private static final String TABLE_NAME_DEFAULT = null;

    public static final String QUERY = "query";
    private static final String QUERY_DOC =
        "SQL query to read; it may contain joins, WHERE and GROUP BY. In the incremental modes it is "
            + "wrapped as a subquery and filtered and ordered on the timestamp and incrementing "
            + "columns, never appended to. Changing the query starts reading afresh. Set exactly one of table.name, "
            + "query, table.include.list and queries.";
    private static final String QUERY_DEFAULT = null;

    public static final String MODE = "mode";
    private static final String MODE_DOC =
        "How rows are read each cycle: 'bulk' reads the whole table or query (a full snapshot per "
            + "cycle); 'incrementing' reads only rows whose incrementing.column.name is greater than "
            + "the last one read, and resumes from there after a restart; 'timestamp' reads rows whose "
            + "timestamp.column.name is at or after the last one read minus timestamp.lookback.ms; "
            + "'timestamp+incrementing' does the same ordered by timestamp and then the incrementing "
            + "column. The timestamp modes lose no row sharing a timestamp across restarts, and "
            + "deliver rows committed late by long transactions provided they commit within "
            + "timestamp.lookback.ms + timestamp.delay.interval.ms - poll.interval.ms of the time "
            + "their timestamp states and the database and worker clocks agree within "
            + "timestamp.delay.interval.ms. Delivery is at least once: after a restart, the rows of "
            + "the lookback window are sent again, as they are when a failed cycle is retried.";
    private static final String MODE_DEFAULT = Mode.BULK.configValue();

    public static final String INCREMENTING_COLUMN_NAME = "incrementing.column.name";
    private static final String INCREMENTING_COLUMN_NAME_DOC =
        "Integer column, strictly increasing for new rows, that mode=incrementing filters and orders "
            + "on. Required for mode=incrementing.";
    private static final String INCREMENTING_COLUMN_NAME_DEFAULT = null;

    public static final String INCREMENTING_INITIAL = "incrementing.initial";
    private static final String INCREMENTING_INITIAL_DOC =
        "In mode=incrementing, read only rows whose incrementing column is greater than this value "
            + "when no offset is stored yet. Unset reads every row.";
    private static final Long INCREMENTING_INITIAL_DEFAULT = null;

    public static final String TIMESTAMP_COLUMN_NAME = "timestamp.column.name";
    private static final String TIMESTAMP_COLUMN_NAME_DOC =
        "TIMESTAMP, DATETIME or DATE column(s) that the timestamp modes filter and order on, set when a "
            + "row is inserted or changed. With several columns a row's timestamp is the first that "
            + "is not NULL (COALESCE), e.g. updated_at,created_at. Rows where all are NULL are never "
            + "read. Required for mode=timestamp and mode=timestamp+incrementing.";
    private static final List<String> TIMESTAMP_COLUMN_NAME_DEFAULT = List.of();

    public static final String TIMESTAMP_DELAY_INTERVAL_MS = "timestamp.delay.interval.ms";
    private static final String TIMESTAMP_DELAY_INTERVAL_MS_DOC =
        "How long after the time a row's timestamp states it may be read: each cycle reads only "
            + "timestamps before now minus this delay (the worker's clock). Covers clock skew between "
            + "the worker and the database and lets writers finish a group of rows.";
    private static final long TIMESTAMP_DELAY_INTERVAL_MS_DEFAULT = 0L;

    public static final String TIMESTAMP_LOOKBACK_MS = "timestamp.lookback.ms";
    private static final String TIMESTAMP_LOOKBACK_MS_DOC =
        "Safety window of the timestamp modes: each cycle re-reads the rows whose timestamps lie "
            + "within this long before the newest timestamp delivered, sends the ones committed late "
            + "(by transactions that were still open when newer rows were read) and skips the ones "
            + "already sent. Set it above the longest transaction that writes the table. The task "
            + "keeps the identities of the rows in the window in memory; after a restart it sends them "
            + "once more. 0 turns the window off: late commits with an older timestamp are then missed.";
    private static final long TIMESTAMP_LOOKBACK_MS_DEFAULT = 60_000L;

    public static final String TIMESTAMP_INITIAL = "timestamp.initial";
    private static final String TIMESTAMP_INITIAL_DOC =
        "In the timestamp modes, read only rows whose timestamp is at or after this time (epoch "
            + "milliseconds) when no offset is stored yet; -1 means the time the task starts. Unset "
            + "reads every row.";
    private static final Long TIMESTAMP_INITIAL_DEFAULT = null;

    public static final String TOPIC = "topic";
    private static final String TOPIC_DOC = "Kafka topic the rows are written to. Required with table.name or "
        + "query; not allowed with table.include.list or queries, whose topics come from topic.prefix and "
        + "topic.template.";
    private static final String TOPIC_DEFAULT = null;

    public static final String PRIMARY_KEY_COLUMNS = "primary.key.columns";
    private static final String PRIMARY_KEY_COLUMNS_DOC =
        "Columns whose values form the Kafka record key, as a struct with the same field types as "
            + "the value. Without them records have no key.";
    private static final List<String> PRIMARY_KEY_COLUMNS_DEFAULT = List.of();

    public static final String EVENT_TIME_COLUMN = "event.time.column";
    private static final String EVENT_TIME_COLUMN_DOC =
        "Column of type TIMESTAMP, DATE or an integer type (epoch milliseconds) that becomes the "
            + "Kafka record timestamp. A row where it is NULL fails the task, naming the row. Without "
            + "it the producer sets the timestamp.";
    private static final String EVENT_TIME_COLUMN_DEFAULT = null;

    public static final String DB_TIMEZONE = "db.timezone";
    private static final String DB_TIMEZONE_DOC =
        "Time zone in which TIMESTAMP columns without a time zone are interpreted (a java.time.ZoneId, "
            + "e.g. Europe/Berlin). Columns with a time zone are absolute and unaffected.";
    private static final String DB_TIMEZONE_DEFAULT = "UTC";

    public static final String NUMERIC_MAPPING = "numeric.mapping";
    private static final String NUMERIC_MAPPING_DOC =
        "How NUMERIC/DECIMAL columns with a declared precision appear: 'none' as a Connect Decimal "
            + "with the column's scale (exact); 'precision_only' turns whole-number columns of up to 18 "
            + "digits into INT8/INT16/INT32/INT64 by precision (exact); 'best_fit' does that and turns "
            + "columns with fraction digits into FLOAT64 (may round beyond about 15 significant digits).";
    private static final String NUMERIC_MAPPING_DEFAULT = NumericMapping.NONE.configValue();

    public static final String UNSUPPORTED_TYPE_HANDLING = "unsupported.type.handling";
    private static final String UNSUPPORTED_TYPE_HANDLING_DOC =
        "What a column of a type without a mapping does: 'fail' stops the task (and validation) with "
            + "an error naming the column and its type; 'string' reads it as the driver's text form "
            + "of the value. A column is never dropped.";
    private static final String UNSUPPORTED_TYPE_HANDLING_DEFAULT = UnsupportedTypeHandling.FAIL.configValue();

    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    private static final String POLL_INTERVAL_MS_DOC =
        "Time from the start of one query cycle to the start of the next.";
    private static final long POLL_INTERVAL_MS_DEFAULT = 5_000L;

    public static final String BATCH_MAX_ROWS = "batch.max.rows";
    private static final String BATCH_MAX_ROWS_DOC =
        "Maximum number of rows returned by one poll, and the JDBC fetch size: the task holds at "
            + "most about this many rows in memory, however large the result.";
    private static final int BATCH_MAX_ROWS_DEFAULT = 10_000;

    public static final String QUERY_TIMEOUT_MS = "query.timeout.ms";
    private static final String QUERY_TIMEOUT_MS_DOC =
        "Longest time the database may take to start returning rows of a query (JDBC query "
            + "timeout, rounded up to whole seconds); a query that takes longer fails the task "
            + "instead of blocking it forever. 0 means no limit.";
    // Long enough for an aggregating warehouse query to produce its first rows, short enough that a
    // query stuck behind a lock or a dead connection fails visibly instead of hanging the task.
    private static final long QUERY_TIMEOUT_MS_DEFAULT = 300_000L;

    private static final ConfigDef CONFIG_DEF = newConfigDef();

    private final Optional<DataSource> dataSource;

    /** Parses and checks {@code props}; throws {@link ConfigException} on any problem. */
    public JdbcSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        List<ConfigProblem> problems = crossFieldProblems(this::get);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.get(0).message());
        }
        Map<String, List<String>> connectionProblems = JdbcDataSourceConfig.problems(props);
        if (!connectionProblems.isEmpty()) {
            throw new ConfigException(connectionProblems.values().iterator().next().get(0));
        }
        this.dataSource = JdbcDataSourceConfig.dataSource(props);
    }

    /** The single definition of every key, shared by the connector and its task. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef newConfigDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(CONNECTION_URL, Type.STRING, CONNECTION_URL_DEFAULT, new ConfigDef.NonEmptyString(),
            Importance.HIGH, CONNECTION_URL_DOC, CONNECTION_GROUP, ++order, Width.LONG, "JDBC URL");
        def.define(CONNECTION_USER, Type.STRING, CONNECTION_USER_DEFAULT, Importance.HIGH,
            CONNECTION_USER_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "User");
        def.define(CONNECTION_PASSWORD, Type.PASSWORD, CONNECTION_PASSWORD_DEFAULT, Importance.HIGH,
            CONNECTION_PASSWORD_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "Password");
        JdbcDataSourceConfig.define(def, CONNECTION_GROUP, ++order);

        order = 0;
        def.define(TABLE_NAME, Type.STRING, TABLE_NAME_DEFAULT, Importance.HIGH, TABLE_NAME_DOC,
            SOURCE_GROUP, ++order, Width.LONG, "Table");
        def.define(QUERY, Type.STRING, QUERY_DEFAULT, Importance.HIGH, QUERY_DOC,
            SOURCE_GROUP, ++order, Width.LONG, "Query");
        def.define(MODE, Type.STRING, MODE_DEFAULT, ValidString.in(Mode.configValues()),
            Importance.HIGH, MODE_DOC, SOURCE_GROUP, ++order, Width.SHORT, "Mode");
        def.define(INCREMENTING_COLUMN_NAME, Type.STRING, INCREMENTING_COLUMN_NAME_DEFAULT,
            Importance.MEDIUM, INCREMENTING_COLUMN_NAME_DOC, SOURCE_GROUP, ++order, Width.MEDIUM,
            "Incrementing column");
        def.define(INCREMENTING_INITIAL, Type.LONG, INCREMENTING_INITIAL_DEFAULT, Importance.LOW,
            INCREMENTING_INITIAL_DOC, SOURCE_GROUP, ++order, Width.SHORT, "Initial incrementing value");
        def.define(TIMESTAMP_COLUMN_NAME, Type.LIST, TIMESTAMP_COLUMN_NAME_DEFAULT, new NonBlankItems(),
            Importance.MEDIUM, TIMESTAMP_COLUMN_NAME_DOC, SOURCE_GROUP, ++order, Width.LONG, "Timestamp columns");
        def.define(TIMESTAMP_DELAY_INTERVAL_MS, Type.LONG, TIMESTAMP_DELAY_INTERVAL_MS_DEFAULT, Range.atLeast(0),
            Importance.LOW, TIMESTAMP_DELAY_INTERVAL_MS_DOC, SOURCE_GROUP, ++order, Width.SHORT,
            "Timestamp delay (ms)");
        def.define(TIMESTAMP_LOOKBACK_MS, Type.LONG, TIMESTAMP_LOOKBACK_MS_DEFAULT, Range.atLeast(0),
            Importance.MEDIUM, TIMESTAMP_LOOKBACK_MS_DOC, SOURCE_GROUP, ++order, Width.SHORT,
            "Timestamp lookback window (ms)");
        def.define(TIMESTAMP_INITIAL, Type.LONG, TIMESTAMP_INITIAL_DEFAULT, new InitialTimestamp(), Importance.LOW,
            TIMESTAMP_INITIAL_DOC, SOURCE_GROUP, ++order, Width.SHORT, "Initial timestamp");

        order = 0;
        def.define(TOPIC, Type.STRING, TOPIC_DEFAULT, new ConfigDef.NonEmptyString(),
            Importance.HIGH, TOPIC_DOC, RECORD_GROUP, ++order, Width.MEDIUM, "Topic");
        def.define(PRIMARY_KEY_COLUMNS, Type.LIST, PRIMARY_KEY_COLUMNS_DEFAULT, new NonBlankItems(),
            Importance.MEDIUM, PRIMARY_KEY_COLUMNS_DOC, RECORD_GROUP, ++order, Width.LONG,
            "Primary key columns");
        def.define(EVENT_TIME_COLUMN, Type.STRING, EVENT_TIME_COLUMN_DEFAULT, Importance.MEDIUM,
            EVENT_TIME_COLUMN_DOC, RECORD_GROUP, ++order, Width.MEDIUM, "Event time column");
        def.define(DB_TIMEZONE, Type.STRING, DB_TIMEZONE_DEFAULT, new ValidZoneId(), Importance.MEDIUM,
            DB_TIMEZONE_DOC, RECORD_GROUP, ++order, Width.SHORT, "Database time zone");
        def.define(NUMERIC_MAPPING, Type.STRING, NUMERIC_MAPPING_DEFAULT, ValidString.in(NumericMapping.configValues()),
            Importance.MEDIUM, NUMERIC_MAPPING_DOC, RECORD_GROUP, ++order, Width.SHORT, "Numeric mapping");
        def.define(UNSUPPORTED_TYPE_HANDLING, Type.STRING, UNSUPPORTED_TYPE_HANDLING_DEFAULT,
            ValidString.in(UnsupportedTypeHandling.configValues()), Importance.LOW, UNSUPPORTED_TYPE_HANDLING_DOC,
            RECORD_GROUP, ++order, Width.SHORT, "Unsupported type handling");

        order = 0;
        def.define(POLL_INTERVAL_MS, Type.LONG, POLL_INTERVAL_MS_DEFAULT, Range.atLeast(1),
            Importance.MEDIUM, POLL_INTERVAL_MS_DOC, POLLING_GROUP, ++order, Width.SHORT,
            "Poll interval (ms)");
        def.define(BATCH_MAX_ROWS, Type.INT, BATCH_MAX_ROWS_DEFAULT, Range.atLeast(1),
            Importance.LOW, BATCH_MAX_ROWS_DOC, POLLING_GROUP, ++order, Width.SHORT,
            "Maximum rows per batch");
        def.define(QUERY_TIMEOUT_MS, Type.LONG, QUERY_TIMEOUT_MS_DEFAULT,
            Range.between(0, Integer.MAX_VALUE * 1000L), Importance.LOW, QUERY_TIMEOUT_MS_DOC,
            POLLING_GROUP, ++order, Width.SHORT, "Query timeout (ms)");
        SourceSelectionKeys.define(def);
        return def;
    }

    /**
     * The rules that involve more than one key, checked on parsed values. {@code parsed} returns a
     * key's parsed value, or null when it is unset or did not parse (that is reported elsewhere).
     */
    static List<ConfigProblem> crossFieldProblems(Function<String, Object> parsed) {
        List<ConfigProblem> problems = new ArrayList<>();
        problems.addAll(SourceSelectionKeys.problems(parsed));
        problems.addAll(JdbcDataSourceConfig.definedKeyProblems(parsed));
        Object modeValue = parsed.apply(MODE);
        Optional<Mode> mode = Arrays.stream(Mode.values()).filter(m -> m.configValue().equals(modeValue)).findFirst();
        if (mode.filter(Mode::usesIncrementingColumn).isPresent() && !isSet(parsed.apply(INCREMENTING_COLUMN_NAME))) {
            problems.add(new ConfigProblem(INCREMENTING_COLUMN_NAME, "Cannot use " + MODE + "="
                + modeValue + " without " + INCREMENTING_COLUMN_NAME
                + ": set it to an integer column that increases for new rows"));
        }
        Object timestampColumns = parsed.apply(TIMESTAMP_COLUMN_NAME);
        boolean hasTimestampColumns = timestampColumns instanceof List<?> list && !list.isEmpty();
        if (mode.filter(Mode::usesTimestampColumn).isPresent() && !hasTimestampColumns) {
            problems.add(new ConfigProblem(TIMESTAMP_COLUMN_NAME, "Cannot use " + MODE + "=" + modeValue
                + " without " + TIMESTAMP_COLUMN_NAME + ": set it to the TIMESTAMP column(s) set when a row is "
                + "inserted or changed"));
        }
        return problems;
    }

    static boolean isSet(Object value) {
        return value != null && !value.toString().isBlank();
    }

    /** {@code connection.url}, or the URL of the data source; never holds a data source's secret. */
    public String connectionUrl() {
        return dataSource.map(JdbcCredentials::url).orElseGet(() -> getString(CONNECTION_URL));
    }

    /** The data source to connect with, when one is configured instead of {@code connection.url}. */
    public Optional<DataSource> dataSource() {
        return dataSource;
    }

    public Optional<String> user() {
        return Optional.ofNullable(getString(CONNECTION_USER)).filter(u -> !u.isEmpty());
    }

    public Optional<Password> password() {
        return Optional.ofNullable(getPassword(CONNECTION_PASSWORD));
    }

    /**
     * The table or query of a single-source configuration ({@code table.name} or {@code query}); a
     * configuration naming several sources is first split with {@link SourceSettings}.
     */
    public SourceSpec source() {
        String table = getString(TABLE_NAME);
        return isSet(table) ? new SourceSpec.Table(table.strip()) : new SourceSpec.Query(getString(QUERY));
    }

    public Mode mode() {
        return Mode.fromConfigValue(getString(MODE));
    }

    public Optional<String> incrementingColumn() {
        return Optional.ofNullable(getString(INCREMENTING_COLUMN_NAME)).map(String::strip).filter(c -> !c.isEmpty());
    }

    public OptionalLong incrementingInitial() {
        Long value = getLong(INCREMENTING_INITIAL);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    public List<String> timestampColumns() {
        return getList(TIMESTAMP_COLUMN_NAME).stream().map(String::strip).toList();
    }

    public Duration timestampDelay() {
        return Duration.ofMillis(getLong(TIMESTAMP_DELAY_INTERVAL_MS));
    }

    public Duration timestampLookback() {
        return Duration.ofMillis(getLong(TIMESTAMP_LOOKBACK_MS));
    }

    /** Where the timestamp modes start without an offset; -1 is resolved against {@code clock}. */
    public Optional<Instant> timestampInitial(Clock clock) {
        Long value = getLong(TIMESTAMP_INITIAL);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(value == -1 ? clock.instant() : Instant.ofEpochMilli(value));
    }

    public String topic() {
        return getString(TOPIC);
    }

    public List<String> primaryKeyColumns() {
        return getList(PRIMARY_KEY_COLUMNS).stream().map(String::strip).toList();
    }

    public Optional<String> eventTimeColumn() {
        return Optional.ofNullable(getString(EVENT_TIME_COLUMN)).map(String::strip).filter(c -> !c.isEmpty());
    }

    public ZoneId dbTimeZone() {
        return ZoneId.of(getString(DB_TIMEZONE));
    }

    public NumericMapping numericMapping() {
        return NumericMapping.fromConfigValue(getString(NUMERIC_MAPPING));
    }

    public UnsupportedTypeHandling unsupportedTypeHandling() {
        return UnsupportedTypeHandling.fromConfigValue(getString(UNSUPPORTED_TYPE_HANDLING));
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public int batchMaxRows() {
        return getInt(BATCH_MAX_ROWS);
    }

    public Optional<Duration> queryTimeout() {
        long ms = getLong(QUERY_TIMEOUT_MS);
        return ms == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
    }

    /** A broken rule, reported on one key. */
    record ConfigProblem(String key, String message) {
    }

    private static final class NonBlankItems implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof List<?> items) {
                for (Object item : items) {
                    if (item == null || item.toString().isBlank()) {
                        throw new ConfigException(name, value, "Cannot use an empty column name: "
                            + "list column names separated by commas");
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "list of column names";
        }
    }

    private static final class InitialTimestamp implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof Long millis && millis < -1) {
                throw new ConfigException(name, value, "Cannot start at a negative time: use epoch "
                    + "milliseconds, or -1 for the time the task starts");
            }
        }

        @Override
        public String toString() {
            return "epoch milliseconds, or -1 for now";
        }
    }

    private static final class ValidZoneId implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of((String) value);
            } catch (DateTimeException | NullPointerException e) {
                throw new ConfigException(name, value, "Cannot parse the time zone: use a region id "
                    + "such as UTC or Europe/Berlin");
            }
        }

        @Override
        public String toString() {
            return "a time-zone id, e.g. UTC";
        }
    }
}
