package io.fsconnect.source.objectstore;

import io.fsconnect.auth.DataSource;
import io.fsconnect.storage.ObjectStoreSelection;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.storage.format.RecordReaderFormat;
import io.fsconnect.storage.format.avro.AvroRecordReaderFormat;
import io.fsconnect.storage.format.text.CsvRecordReaderFormat;
import io.fsconnect.storage.format.text.JsonLinesRecordReaderFormat;
import io.fsconnect.storage.format.parquet.ParquetRecordReaderFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;

/**
 * The configuration of the object-store source connector and of its tasks: one {@link ConfigDef} for
 * both, typed accessors, and the cross-field rules (exactly one of {@code topic} and {@code topic.template}; at most
 * one of
 * {@code input.glob} and {@code input.regex}; {@code move.prefix} for {@code post.read.action=move};
 * declared columns that hold the key and event-time columns; no key or event-time column, and no csv,
 * with {@code input.envelope}). Constructing an instance with a
 * configuration that breaks a rule throws a {@link ConfigException} naming the keys;
 * {@link #crossFieldProblems} reports the same rules per key for {@code validate()}.
 */
public final class ObjectStoreSourceConfig extends AbstractConfig {

    static final String STORE_GROUP = "Store";
    static final String INPUT_GROUP = "Input";
    static final String RECORD_GROUP = "Records";
    static final String READING_GROUP = "Reading";

    /** Completes "Cannot ... data source" in messages about the data source. */
    static final String STORE_USE = "read files from";

    public static final String DATASOURCE = ObjectStoreSelection.DATASOURCE;
    public static final String DATASOURCE_PREFIX = ObjectStoreSelection.DATASOURCE_PREFIX;
    public static final String STORE_RETRY_MAX_ATTEMPTS = ObjectStoreSelection.STORE_RETRY_MAX_ATTEMPTS;
    private static final String STORE_RETRY_EXHAUSTED_DOC = "When the attempts run out, the task fails with the"
            + " object and the request that failed; its restart resumes from the last committed record.";
    public static final String STORE_RETRY_BACKOFF_MS = ObjectStoreSelection.STORE_RETRY_BACKOFF_MS;
    public static final String VALIDATE_CONNECTION = ObjectStoreSelection.VALIDATE_CONNECTION;

    public static final String INPUT_FORMAT = "input.format";
    private static final String INPUT_FORMAT_DOC = "The format of the files: 'parquet', 'avro' (object container"
            + " files), 'jsonl' (one JSON object per line) or 'csv' (delimited text, see csv.*). Text files may be"
            + " gzip- or zstd-compressed; compression is recognised from the content, not the name.";

    public static final String INPUT_PREFIX = "input.prefix";
    private static final String INPUT_PREFIX_DOC = "Only objects whose keys start with this string are read, e.g."
            + " 'lake/orders/'. The store is listed from this prefix, so a narrow prefix makes listing cheaper.";
    private static final String INPUT_PREFIX_DEFAULT = "";

    public static final String INPUT_GLOB = "input.glob";
    private static final String INPUT_GLOB_DOC = "A glob the part of the key after input.prefix must match: '*' and"
            + " '?' stay within one path segment, '**' spans segments, '{a,b}' is either. E.g. '**/*.parquet'. Set at"
            + " most one of input.glob and input.regex; with neither, every object under the prefix is read.";
    private static final String INPUT_GLOB_DEFAULT = null;

    public static final String INPUT_REGEX = "input.regex";
    private static final String INPUT_REGEX_DOC = "A Java regular expression the whole part of the key after"
            + " input.prefix must match. Set at most one of input.glob and input.regex.";
    private static final String INPUT_REGEX_DEFAULT = null;

    public static final String INPUT_COLUMNS = "input.columns";
    private static final String INPUT_COLUMNS_DOC = "Declared columns of csv and jsonl files, as"
            + " 'name:type,name:type', with types string, boolean, int8, int16, int32, int64, float32, float64,"
            + " date, time, timestamp, bytes (base64) and decimal(<scale>). Records become structs of these"
            + " columns. Without it, csv columns are strings named by the header and jsonl records are schemaless"
            + " maps. Parquet and Avro files carry their own schema and ignore this key.";
    private static final String INPUT_COLUMNS_DEFAULT = null;

    public static final String CSV_DELIMITER = "csv.delimiter";
    private static final String CSV_DELIMITER_DOC = "The field separator of csv files: one character, or 'tab'.";
    private static final String CSV_DELIMITER_DEFAULT = ",";

    public static final String CSV_QUOTE = "csv.quote";
    private static final String CSV_QUOTE_DOC = "The quote character of csv files; a quote inside a quoted field is"
            + " written twice.";
    private static final String CSV_QUOTE_DEFAULT = "\"";

    public static final String CSV_HEADER = "csv.header";
    private static final String CSV_HEADER_DOC = "Whether the first row of a csv file names the columns. Without a"
            + " header, input.columns is required and names the columns in file order.";
    private static final boolean CSV_HEADER_DEFAULT = true;

    public static final String INPUT_ENVELOPE = "input.envelope";
    private static final String INPUT_ENVELOPE_DOC = "Whether the files hold record envelopes, as the object-store sink"
            + " writes them with format.envelope=true: each row's key, value, headers, partition and timestamp are"
            + " restored, and the record goes to the same partition number of the topic, which must have at least as"
            + " many partitions as the original; with tasks.max=1 each partition keeps its order."
            + " parquet and avro keep the key and value schemas, jsonl restores them"
            + " schemaless; csv cannot be read this way. Replaces primary.key.columns and event.time.column.";
    private static final boolean INPUT_ENVELOPE_DEFAULT = false;

    public static final String TOPIC = "topic";
    private static final String TOPIC_DOC = "The Kafka topic the records of every object are written to. Set"
            + " exactly one of topic and topic.template.";
    private static final String TOPIC_DEFAULT = null;

    public static final String TOPIC_TEMPLATE = "topic.template";
    private static final String TOPIC_TEMPLATE_DOC = "The topic of each object's records, made from its key after"
            + " input.prefix: ${object.path} is the object's folders (a/b), ${object.dir} the folder it is in (b),"
            + " ${object.name} its file name up to the first '.'. E.g. 'fg_${object.dir}' sends lake/orders/1.parquet"
            + " to fg_orders. Characters that Kafka does not allow in topic names become '_'; an object whose key"
            + " makes no legal topic is a bad record. Set exactly one of topic and topic.template.";
    private static final String TOPIC_TEMPLATE_DEFAULT = null;

    public static final String PRIMARY_KEY_COLUMNS = "primary.key.columns";
    private static final String PRIMARY_KEY_COLUMNS_DOC = "Columns whose values form the Kafka record key, as a"
            + " struct of those fields. A file without one of them fails as a bad record. Without them records have"
            + " no key.";
    private static final List<String> PRIMARY_KEY_COLUMNS_DEFAULT = List.of();

    public static final String EVENT_TIME_COLUMN = "event.time.column";
    private static final String EVENT_TIME_COLUMN_DOC = "Column that becomes the Kafka record timestamp: a timestamp"
            + " or date, or an integer of epoch milliseconds. A record where it is missing or null is a bad record."
            + " Without it the producer sets the timestamp.";
    private static final String EVENT_TIME_COLUMN_DEFAULT = null;

    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    private static final String POLL_INTERVAL_MS_DOC = "Time between two listings of the store, which the connector"
            + " (never the tasks) does to find new objects.";
    private static final long POLL_INTERVAL_MS_DEFAULT = 10_000L;

    public static final String BATCH_MAX_ROWS = "batch.max.rows";
    private static final String BATCH_MAX_ROWS_DOC = "Maximum number of records one poll of a task returns.";
    private static final int BATCH_MAX_ROWS_DEFAULT = 10_000;

    public static final String POST_READ_ACTION = "post.read.action";
    private static final String POST_READ_ACTION_DOC = "What happens to an object once all its records are in"
            + " Kafka and its offset is committed: 'none' leaves it, 'delete' deletes it, 'move' copies it under"
            + " move.prefix and then deletes it.";
    private static final String POST_READ_ACTION_DEFAULT = PostReadAction.NONE.configValue();

    public static final String MOVE_PREFIX = "move.prefix";
    private static final String MOVE_PREFIX_DOC = "Prefix put before the key of an object moved by"
            + " post.read.action=move, e.g. 'done/'. Keys under this prefix are never read, even when they lie"
            + " under input.prefix.";
    private static final String MOVE_PREFIX_DEFAULT = null;

    public static final String BAD_RECORD_POLICY = "bad.record.policy";
    private static final String BAD_RECORD_POLICY_DOC = "What a malformed record or a corrupt or truncated file"
            + " does: 'fail' stops the task with an error naming the object and the record position; 'skip' logs the"
            + " object and position at WARN, counts it, and reads on (after a corrupt file, with the next object).";
    private static final String BAD_RECORD_POLICY_DEFAULT = BadRecordPolicy.FAIL.configValue();

    private static final ConfigDef CONFIG_DEF = newConfigDef();

    /** A problem with one key, for {@code validate()}. */
    record ConfigProblem(String key, String message) {
    }

    /** Parses and checks {@code props}; throws {@link ConfigException} on any problem. */
    public ObjectStoreSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        List<ConfigProblem> problems = crossFieldProblems(this::get);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.get(0).message());
        }
    }

    /** The single definition of every key, shared by the connector and its tasks. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef newConfigDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        ObjectStoreSelection.defineDataSource(def, STORE_GROUP, ++order);
        ObjectStoreSelection.defineRetries(def, STORE_GROUP, ++order, STORE_RETRY_EXHAUSTED_DOC);
        ++order;
        ObjectStoreSelection.defineValidateConnection(def, STORE_GROUP, ++order);
        order = 0;
        def.define(INPUT_FORMAT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                ConfigDef.CaseInsensitiveValidString.in("parquet", "avro", "jsonl", "csv"), Importance.HIGH,
                INPUT_FORMAT_DOC, INPUT_GROUP, ++order, Width.SHORT, "Input format");
        def.define(INPUT_PREFIX, Type.STRING, INPUT_PREFIX_DEFAULT, Importance.HIGH, INPUT_PREFIX_DOC, INPUT_GROUP,
                ++order, Width.LONG, "Key prefix");
        def.define(INPUT_GLOB, Type.STRING, INPUT_GLOB_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                INPUT_GLOB_DOC, INPUT_GROUP, ++order, Width.MEDIUM, "Key glob");
        def.define(INPUT_REGEX, Type.STRING, INPUT_REGEX_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                INPUT_REGEX_DOC, INPUT_GROUP, ++order, Width.MEDIUM, "Key regular expression");
        def.define(INPUT_COLUMNS, Type.STRING, INPUT_COLUMNS_DEFAULT, new ConfigDef.NonEmptyString(),
                Importance.MEDIUM, INPUT_COLUMNS_DOC, INPUT_GROUP, ++order, Width.LONG, "Declared columns");
        def.define(CSV_DELIMITER, Type.STRING, CSV_DELIMITER_DEFAULT, Importance.LOW, CSV_DELIMITER_DOC, INPUT_GROUP,
                ++order, Width.SHORT, "CSV delimiter");
        def.define(CSV_QUOTE, Type.STRING, CSV_QUOTE_DEFAULT, Importance.LOW, CSV_QUOTE_DOC, INPUT_GROUP, ++order,
                Width.SHORT, "CSV quote");
        def.define(CSV_HEADER, Type.BOOLEAN, CSV_HEADER_DEFAULT, Importance.LOW, CSV_HEADER_DOC, INPUT_GROUP,
                ++order, Width.SHORT, "CSV header row");
        def.define(INPUT_ENVELOPE, Type.BOOLEAN, INPUT_ENVELOPE_DEFAULT, Importance.MEDIUM, INPUT_ENVELOPE_DOC,
                INPUT_GROUP, ++order, Width.SHORT, "Record envelopes");
        order = 0;
        def.define(TOPIC, Type.STRING, TOPIC_DEFAULT, new ConfigDef.NonEmptyString(), Importance.HIGH,
                TOPIC_DOC, RECORD_GROUP, ++order, Width.MEDIUM, "Topic");
        def.define(TOPIC_TEMPLATE, Type.STRING, TOPIC_TEMPLATE_DEFAULT, new ConfigDef.NonEmptyString(),
                Importance.HIGH, TOPIC_TEMPLATE_DOC, RECORD_GROUP, ++order, Width.MEDIUM, "Topic template");
        def.define(PRIMARY_KEY_COLUMNS, Type.LIST, PRIMARY_KEY_COLUMNS_DEFAULT, Importance.MEDIUM,
                PRIMARY_KEY_COLUMNS_DOC, RECORD_GROUP, ++order, Width.LONG, "Primary key columns");
        def.define(EVENT_TIME_COLUMN, Type.STRING, EVENT_TIME_COLUMN_DEFAULT, new ConfigDef.NonEmptyString(),
                Importance.MEDIUM, EVENT_TIME_COLUMN_DOC, RECORD_GROUP, ++order, Width.MEDIUM, "Event time column");
        order = 0;
        def.define(POLL_INTERVAL_MS, Type.LONG, POLL_INTERVAL_MS_DEFAULT, Range.atLeast(100), Importance.MEDIUM,
                POLL_INTERVAL_MS_DOC, READING_GROUP, ++order, Width.SHORT, "Listing interval (ms)");
        def.define(BATCH_MAX_ROWS, Type.INT, BATCH_MAX_ROWS_DEFAULT, Range.between(1, 1_000_000), Importance.LOW,
                BATCH_MAX_ROWS_DOC, READING_GROUP, ++order, Width.SHORT, "Records per poll");
        def.define(POST_READ_ACTION, Type.STRING, POST_READ_ACTION_DEFAULT,
                ConfigDef.CaseInsensitiveValidString.in(PostReadAction.configValues()), Importance.MEDIUM,
                POST_READ_ACTION_DOC, READING_GROUP, ++order, Width.SHORT, "After reading an object");
        def.define(MOVE_PREFIX, Type.STRING, MOVE_PREFIX_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                MOVE_PREFIX_DOC, READING_GROUP, ++order, Width.MEDIUM, "Move prefix");
        def.define(BAD_RECORD_POLICY, Type.STRING, BAD_RECORD_POLICY_DEFAULT,
                ConfigDef.CaseInsensitiveValidString.in(BadRecordPolicy.configValues()), Importance.MEDIUM,
                BAD_RECORD_POLICY_DOC, READING_GROUP, ++order, Width.SHORT, "Bad record policy");
        return def;
    }

    /** The rules between keys, each reported against the key to change; {@code parsed} gives parsed values. */
    static List<ConfigProblem> crossFieldProblems(Function<String, Object> parsed) {
        List<ConfigProblem> problems = new ArrayList<>();
        Object topic = parsed.apply(TOPIC);
        Object template = parsed.apply(TOPIC_TEMPLATE);
        if ((topic == null) == (template == null)) {
            problems.add(new ConfigProblem(TOPIC, "Cannot choose the topic: set exactly one of " + TOPIC + " (one"
                    + " topic for every object) and " + TOPIC_TEMPLATE + " (a topic per object from its key)"));
        } else if (template != null) {
            try {
                TopicTemplate.parse((String) template, "");
            } catch (ConfigException e) {
                problems.add(new ConfigProblem(TOPIC_TEMPLATE, e.getMessage()));
            }
        }
        if (parsed.apply(INPUT_GLOB) != null && parsed.apply(INPUT_REGEX) != null) {
            problems.add(new ConfigProblem(INPUT_REGEX, "Cannot filter keys by both " + INPUT_GLOB + " and "
                    + INPUT_REGEX + ": remove one of them"));
        }
        try {
            KeyFilter.of((String) parsed.apply(INPUT_PREFIX), Optional.ofNullable((String) parsed.apply(INPUT_GLOB)),
                    Optional.ofNullable((String) parsed.apply(INPUT_REGEX)));
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(parsed.apply(INPUT_GLOB) != null ? INPUT_GLOB : INPUT_REGEX, e.getMessage()));
        }
        Object action = parsed.apply(POST_READ_ACTION);
        String movePrefix = (String) parsed.apply(MOVE_PREFIX);
        if (action != null && PostReadAction.MOVE.configValue().equalsIgnoreCase((String) action)
                && movePrefix == null) {
            problems.add(new ConfigProblem(MOVE_PREFIX, "Cannot move objects after reading: " + MOVE_PREFIX
                    + " is required when " + POST_READ_ACTION + "=move; set it to where read objects should go"));
        }
        Object delimiter = parsed.apply(CSV_DELIMITER);
        if (delimiter != null) {
            try {
                delimiter((String) delimiter);
            } catch (ConfigException e) {
                problems.add(new ConfigProblem(CSV_DELIMITER, e.getMessage()));
            }
        }
        Object quote = parsed.apply(CSV_QUOTE);
        if (quote != null && ((String) quote).length() != 1) {
            problems.add(new ConfigProblem(CSV_QUOTE, "Cannot use '" + quote + "' as " + CSV_QUOTE
                    + ": it must be exactly one character"));
        }
        Object columnsText = parsed.apply(INPUT_COLUMNS);
        Optional<Schema> columns = Optional.empty();
        if (columnsText != null) {
            try {
                columns = Optional.of(DeclaredColumns.parse((String) columnsText));
            } catch (ConfigException e) {
                problems.add(new ConfigProblem(INPUT_COLUMNS, e.getMessage()));
            }
        }
        if (Boolean.FALSE.equals(parsed.apply(CSV_HEADER)) && columnsText == null
                && "csv".equalsIgnoreCase((String) parsed.apply(INPUT_FORMAT))) {
            problems.add(new ConfigProblem(INPUT_COLUMNS, "Cannot name the columns of csv files without a header: set "
                    + INPUT_COLUMNS + ", or set " + CSV_HEADER + "=true"));
        }
        if (columns.isPresent()) {
            @SuppressWarnings("unchecked")
            List<String> keyColumns = (List<String>) parsed.apply(PRIMARY_KEY_COLUMNS);
            for (String column : keyColumns == null ? List.<String>of() : keyColumns) {
                if (columns.get().field(column) == null) {
                    problems.add(new ConfigProblem(PRIMARY_KEY_COLUMNS, "Cannot use '" + column + "' as a key column:"
                            + " it is not among the columns declared in " + INPUT_COLUMNS));
                }
            }
            String eventTime = (String) parsed.apply(EVENT_TIME_COLUMN);
            if (eventTime != null && columns.get().field(eventTime) == null) {
                problems.add(new ConfigProblem(EVENT_TIME_COLUMN, "Cannot use '" + eventTime + "' as the event time"
                        + " column: it is not among the columns declared in " + INPUT_COLUMNS));
            }
        }
        problems.addAll(envelopeProblems(parsed));
        return problems;
    }

    private static List<ConfigProblem> envelopeProblems(Function<String, Object> parsed) {
        if (!Boolean.TRUE.equals(parsed.apply(INPUT_ENVELOPE))) {
            return List.of();
        }
        List<ConfigProblem> problems = new ArrayList<>();
        if ("csv".equalsIgnoreCase((String) parsed.apply(INPUT_FORMAT))) {
            problems.add(new ConfigProblem(INPUT_ENVELOPE, "Cannot read record envelopes from csv files: their cells"
                    + " are flat text; write the envelopes as parquet, avro or jsonl, or set " + INPUT_ENVELOPE + "=false"));
        }
        Object keyColumns = parsed.apply(PRIMARY_KEY_COLUMNS);
        if (keyColumns instanceof List<?> list && !list.isEmpty()) {
            problems.add(new ConfigProblem(PRIMARY_KEY_COLUMNS, "Cannot use " + PRIMARY_KEY_COLUMNS + " with "
                    + INPUT_ENVELOPE + "=true: the key is restored from the envelope; remove " + PRIMARY_KEY_COLUMNS));
        }
        if (parsed.apply(EVENT_TIME_COLUMN) != null) {
            problems.add(new ConfigProblem(EVENT_TIME_COLUMN, "Cannot use " + EVENT_TIME_COLUMN + " with "
                    + INPUT_ENVELOPE + "=true: the timestamp is restored from the envelope; remove " + EVENT_TIME_COLUMN));
        }
        return problems;
    }

    private static char delimiter(String text) {
        if (text.equalsIgnoreCase("tab") || text.equals("\\t") || text.equals("\t")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new ConfigException("Cannot use '" + text + "' as " + CSV_DELIMITER + ": it must be one character,"
                    + " or 'tab'");
        }
        return text.charAt(0);
    }

    /**
     * The store the objects are read from, and how its requests are retried.
     *
     * @throws ConfigException naming the keys if the data source is not a usable object store
     */
    StoreSpec store() {
        DataSource source = ObjectStoreSelection.dataSource(originalsStrings(), STORE_USE);
        return new StoreSpec(source, ObjectStores.Tuning.DEFAULTS.withRetries(
                ObjectStoreSelection.retryAttempts(this), ObjectStoreSelection.retryBackoff(this)));
    }

    /** The problems of the data source, by the key as the user wrote it; empty when it is a usable store. */
    static Map<String, List<String>> storeProblems(Map<String, String> props) {
        return ObjectStoreSelection.problems(props, STORE_USE);
    }

    /** What fails when the data source is used for real, by the key as the user wrote it. */
    static Map<String, List<String>> connectionProblems(Map<String, String> props) {
        return ObjectStoreSelection.connectionProblems(props, STORE_USE);
    }

    boolean validateConnection() {
        return getBoolean(VALIDATE_CONNECTION);
    }

    /** Which keys are read. */
    KeyFilter keyFilter() {
        KeyFilter filter = KeyFilter.of(getString(INPUT_PREFIX), Optional.ofNullable(getString(INPUT_GLOB)),
                Optional.ofNullable(getString(INPUT_REGEX)));
        return movePrefix().map(filter::excluding).orElse(filter);
    }

    /** The reader of the configured input format. */
    RecordReaderFormat readerFormat() {
        switch (getString(INPUT_FORMAT).toLowerCase(Locale.ROOT)) {
            case "parquet":
                return new ParquetRecordReaderFormat();
            case "avro":
                return new AvroRecordReaderFormat();
            case "jsonl":
                return new JsonLinesRecordReaderFormat(declaredColumns());
            case "csv":
                return new CsvRecordReaderFormat(csvDelimiter(), csvQuote(), csvHeader(), declaredColumns());
            default:
                throw new ConfigException(INPUT_FORMAT, getString(INPUT_FORMAT), "Cannot read format '"
                        + getString(INPUT_FORMAT) + "': expected parquet, avro, jsonl or csv");
        }
    }

    Optional<Schema> declaredColumns() {
        return Optional.ofNullable(getString(INPUT_COLUMNS)).map(DeclaredColumns::parse);
    }

    char csvDelimiter() {
        return delimiter(getString(CSV_DELIMITER));
    }

    char csvQuote() {
        return getString(CSV_QUOTE).charAt(0);
    }

    boolean csvHeader() {
        return getBoolean(CSV_HEADER);
    }

    TopicTemplate topics() {
        String template = getString(TOPIC_TEMPLATE);
        return template == null ? TopicTemplate.fixed(getString(TOPIC)) : TopicTemplate.parse(template,
                getString(INPUT_PREFIX));
    }

    boolean inputEnvelope() {
        return getBoolean(INPUT_ENVELOPE);
    }

    List<String> primaryKeyColumns() {
        return getList(PRIMARY_KEY_COLUMNS);
    }

    Optional<String> eventTimeColumn() {
        return Optional.ofNullable(getString(EVENT_TIME_COLUMN));
    }

    Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    int batchMaxRows() {
        return getInt(BATCH_MAX_ROWS);
    }

    PostReadAction postReadAction() {
        return PostReadAction.fromConfig(getString(POST_READ_ACTION));
    }

    Optional<String> movePrefix() {
        return Optional.ofNullable(getString(MOVE_PREFIX));
    }

    BadRecordPolicy badRecordPolicy() {
        return BadRecordPolicy.fromConfig(getString(BAD_RECORD_POLICY));
    }

    @Override
    public String toString() {
        return "ObjectStoreSourceConfig" + originalsStrings();
    }
}
