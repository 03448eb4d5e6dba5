package io.fsconnect.sink;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys that lay files out in directories ({@code partitioner.class} and its options) and the
 * {@link Partitioner} and {@link TimestampExtractor} they describe.
 */
final class PartitionerConfig {

    static final String GROUP = "Partitioning";

    static final String PARTITIONER_CLASS = "partitioner.class";
    static final String PARTITIONER_CLASS_DOC = "How records are spread over directories below"
            + " <topics.dir>/<topic>/: 'default' (partition=<Kafka partition>), 'field' (one level"
            + " <field>=<value> per field of " + "partition.field.name), 'time' (by record time, see path.format),"
            + " 'field-time' (the field levels, then the time levels), or the name of a class implementing"
            + " io.fsconnect.sink.Partitioner with a public no-argument constructor.";
    static final String PARTITIONER_CLASS_DEFAULT = "default";
    static final List<String> SHORT_NAMES = List.of("default", "field", "time", "field-time");

    static final String PARTITION_FIELD_NAME = "partition.field.name";
    static final String PARTITION_FIELD_NAME_DOC = "The value fields to partition by, in directory order; a"
            + " nested field is a dotted path (customer.region). Values must be strings, numbers or booleans; a"
            + " null or missing value goes to " + PathSegment.NULL_VALUE + ", which Hive, Spark and Trino read"
            + " as null. Required for the field and field-time partitioners.";

    static final String PATH_FORMAT = "path.format";
    static final String PATH_FORMAT_DOC = "The directories of the time partitioners, as a java.time"
            + " DateTimeFormatter pattern applied to the start of the record's time bucket; quote literal text,"
            + " e.g. 'dt'=yyyy-MM-dd.";
    static final String PATH_FORMAT_DEFAULT = "'year'=yyyy/'month'=MM/'day'=dd/'hour'=HH";

    static final String PARTITION_DURATION_MS = "partition.duration.ms";
    static final String PARTITION_DURATION_MS_DOC = "The length of a time bucket: record times are rounded down to"
            + " a multiple of it (counted from midnight in the time zone) before path.format is applied.";
    static final long PARTITION_DURATION_MS_DEFAULT = Duration.ofHours(1).toMillis();

    static final String TIMEZONE = "timezone";
    static final String TIMEZONE_DOC = "The time zone of path.format and of time buckets, as a java.time zone id"
            + " (UTC, Europe/Stockholm, +02:00).";
    static final String TIMEZONE_DEFAULT = "UTC";

    static final String LOCALE = "locale";
    static final String LOCALE_DOC = "The locale of path.format, for names of months and days (an IETF"
            + " language tag such as en or sv-SE).";
    static final String LOCALE_DEFAULT = "en";

    static final String TIMESTAMP_EXTRACTOR = "timestamp.extractor";
    static final String TIMESTAMP_EXTRACTOR_DOC = "Where the time of a record comes from, for the time"
            + " partitioners and rotate.interval.ms: 'Record' (the Kafka timestamp), 'RecordField' (the value"
            + " field timestamp.field) or 'Wallclock' (when the task processes it). With Wallclock, which"
            + " directory and file a record lands in depends on timing, so a replay after a failure can write"
            + " a record again into another file: exactly-once output needs Record or RecordField.";
    static final String TIMESTAMP_EXTRACTOR_DEFAULT = "Record";
    static final List<String> EXTRACTORS = List.of("Record", "RecordField", "Wallclock");

    static final String TIMESTAMP_FIELD = "timestamp.field";
    static final String TIMESTAMP_FIELD_DOC = "The value field holding the record time when"
            + " timestamp.extractor=RecordField, possibly a dotted path: a Connect Timestamp, epoch milliseconds"
            + " or ISO-8601 text.";

    private PartitionerConfig() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(PARTITIONER_CLASS, ConfigDef.Type.STRING, PARTITIONER_CLASS_DEFAULT,
                        ConfigDef.LambdaValidator.with(PartitionerConfig::validatePartitioner,
                                () -> "one of " + SHORT_NAMES + " or a Partitioner class name"),
                        ConfigDef.Importance.HIGH, PARTITIONER_CLASS_DOC, GROUP, ++order, ConfigDef.Width.MEDIUM,
                        "Partitioner")
                .define(PARTITION_FIELD_NAME, ConfigDef.Type.LIST, List.of(), fieldNames(),
                        ConfigDef.Importance.MEDIUM, PARTITION_FIELD_NAME_DOC, GROUP, ++order, ConfigDef.Width.LONG,
                        "Partition fields")
                .define(PATH_FORMAT, ConfigDef.Type.STRING, PATH_FORMAT_DEFAULT,
                        ConfigDef.LambdaValidator.with(PartitionerConfig::validatePathFormat,
                                () -> "a DateTimeFormatter pattern"),
                        ConfigDef.Importance.MEDIUM, PATH_FORMAT_DOC, GROUP, ++order, ConfigDef.Width.LONG,
                        "Time path format")
                .define(PARTITION_DURATION_MS, ConfigDef.Type.LONG, PARTITION_DURATION_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1), ConfigDef.Importance.MEDIUM, PARTITION_DURATION_MS_DOC, GROUP,
                        ++order, ConfigDef.Width.SHORT, "Time bucket (ms)")
                .define(TIMEZONE, ConfigDef.Type.STRING, TIMEZONE_DEFAULT,
                        ConfigDef.LambdaValidator.with(PartitionerConfig::validateZone, () -> "a time zone id"),
                        ConfigDef.Importance.MEDIUM, TIMEZONE_DOC, GROUP, ++order, ConfigDef.Width.SHORT, "Time zone")
                .define(LOCALE, ConfigDef.Type.STRING, LOCALE_DEFAULT, new ConfigDef.NonEmptyString(),
                        ConfigDef.Importance.LOW, LOCALE_DOC, GROUP, ++order, ConfigDef.Width.SHORT, "Locale")
                .define(TIMESTAMP_EXTRACTOR, ConfigDef.Type.STRING, TIMESTAMP_EXTRACTOR_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in(EXTRACTORS.toArray(String[]::new)),
                        ConfigDef.Importance.MEDIUM, TIMESTAMP_EXTRACTOR_DOC, GROUP, ++order, ConfigDef.Width.SHORT,
                        "Timestamp extractor")
                .define(TIMESTAMP_FIELD, ConfigDef.Type.STRING, null, new ConfigDef.NonEmptyString(),
                        ConfigDef.Importance.MEDIUM, TIMESTAMP_FIELD_DOC, GROUP, ++order, ConfigDef.Width.MEDIUM,
                        "Timestamp field");
    }

    /**
     * The problem with keys that must be set together, with the key the user has to change, if any.
     */
    static Optional<Map.Entry<String, String>> crossKeyProblem(AbstractConfig config) {
        String partitioner = config.getString(PARTITIONER_CLASS).toLowerCase(Locale.ROOT);
        if ((partitioner.equals("field") || partitioner.equals("field-time"))
                && config.getList(PARTITION_FIELD_NAME).isEmpty()) {
            return Optional.of(Map.entry(PARTITION_FIELD_NAME, "Cannot partition by fields: " + PARTITION_FIELD_NAME
                    + " is empty but " + PARTITIONER_CLASS + "=" + partitioner + "; list the value fields to"
                    + " partition by"));
        }
        if (config.getString(TIMESTAMP_EXTRACTOR).equalsIgnoreCase("RecordField")
                && config.getString(TIMESTAMP_FIELD) == null) {
            return Optional.of(Map.entry(TIMESTAMP_FIELD, "Cannot take record times from a field: "
                    + TIMESTAMP_FIELD + " is not set but " + TIMESTAMP_EXTRACTOR + "=RecordField; name the value"
                    + " field that holds the time"));
        }
        return Optional.empty();
    }

    static TimestampExtractor timestamps(AbstractConfig config) {
        switch (config.getString(TIMESTAMP_EXTRACTOR).toLowerCase(Locale.ROOT)) {
            case "recordfield":
                requireValid(config);
                return new TimestampExtractor.FieldTimestamp(FieldPath.parse(config.getString(TIMESTAMP_FIELD)));
            case "wallclock":
                return new TimestampExtractor.WallClock();
            default:
                return new TimestampExtractor.RecordTimestamp();
        }
    }

    /**
     * The partitioner the keys describe, configured.
     *
     * @throws ConfigException naming the key if it is not usable
     */
    static Partitioner partitioner(AbstractConfig config, Map<String, String> props) {
        requireValid(config);
        String name = config.getString(PARTITIONER_CLASS);
        switch (name.toLowerCase(Locale.ROOT)) {
            case "default":
                return new DefaultPartitioner();
            case "field":
                return fields(config);
            case "time":
                return time(config);
            case "field-time":
                return new FieldAndTimePartitioner(fields(config), time(config));
            default:
                Partitioner custom = instantiate(name);
                custom.configure(props);
                return custom;
        }
    }

    private static void requireValid(AbstractConfig config) {
        crossKeyProblem(config).ifPresent(problem -> {
            throw new ConfigException(problem.getValue());
        });
    }

    private static FieldPartitioner fields(AbstractConfig config) {
        return new FieldPartitioner(config.getList(PARTITION_FIELD_NAME).stream().map(FieldPath::parse).toList());
    }

    private static TimeBasedPartitioner time(AbstractConfig config) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern(config.getString(PATH_FORMAT),
                Locale.forLanguageTag(config.getString(LOCALE))).withZone(ZoneId.of(config.getString(TIMEZONE)));
        return new TimeBasedPartitioner(format, Duration.ofMillis(config.getLong(PARTITION_DURATION_MS)),
                timestamps(config));
    }

    private static Partitioner instantiate(String className) {
        try {
            Class<?> type = Class.forName(className, true, PartitionerConfig.class.getClassLoader());
            return type.asSubclass(Partitioner.class).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ConfigException(PARTITIONER_CLASS, className, "Cannot load partitioner class '" + className
                    + "': it is not on the plugin's class path; use one of " + SHORT_NAMES + " or put the class"
                    + " next to the plugin");
        } catch (ClassCastException e) {
            throw new ConfigException(PARTITIONER_CLASS, className, "Cannot use '" + className + "' as a"
                    + " partitioner: it does not implement " + Partitioner.class.getName());
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new ConfigException(PARTITIONER_CLASS, className, "Cannot create partitioner '" + className
                    + "': it needs a public no-argument constructor (" + cause + ")");
        }
    }

    private static void validatePartitioner(String name, Object value) {
        String text = (String) value;
        if (text == null || text.isBlank()) {
            throw new ConfigException(name, value, "Cannot use an empty partitioner: set one of " + SHORT_NAMES
                    + " or a Partitioner class name");
        }
        if (!SHORT_NAMES.contains(text.toLowerCase(Locale.ROOT))) {
            instantiate(text);
        }
    }

    private static ConfigDef.Validator fieldNames() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            for (Object field : (List<?>) value) {
                String path = field.toString();
                if (path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
                    throw new ConfigException(name, value, "Cannot partition by field '" + path + "': name a value"
                            + " field, or a nested one as a dotted path such as customer.region");
                }
            }
        }, () -> "field names or dotted paths");
    }

    private static void validatePathFormat(String name, Object value) {
        try {
            DateTimeFormatter.ofPattern((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "Cannot use '" + value + "' as the time path format: "
                    + e.getMessage() + "; write a java.time DateTimeFormatter pattern with literal text in quotes,"
                    + " e.g. 'year'=yyyy/'month'=MM");
        }
        if (((String) value).isBlank()) {
            throw new ConfigException(name, value, "Cannot use an empty time path format");
        }
    }

    private static void validateZone(String name, Object value) {
        try {
            ZoneId.of((String) value);
        } catch (RuntimeException e) {
            throw new ConfigException(name, value, "Cannot use time zone '" + value + "': " + e.getMessage()
                    + "; use a zone id such as UTC or Europe/Stockholm");
        }
    }
}
