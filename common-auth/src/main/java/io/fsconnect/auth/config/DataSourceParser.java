package io.fsconnect.auth.config;

import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.DataSourceType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads data sources from flat {@code Map<String, String>} configurations, such as a connector config or a definition
 * file. {@code validate} methods report every problem at once, per key; {@code parse} methods throw one
 * {@link InvalidDataSourceException} listing them. A connector config holds a data source either as the one-line
 * reference {@code datasource=${datasource:<name>}} ({@link DataSourceReference}) or inline under a key prefix,
 * e.g. {@code datasource.type=s3}, {@code datasource.bucket=...}.
 */
public final class DataSourceParser {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

    private DataSourceParser() {
    }

    /**
     * Checks the data source in a configuration: the keys that start with {@code prefix} (returned without it), or,
     * for a prefix ending in '.', the one-line reference under the prefix without its dot. Errors are keyed by the
     * full key.
     */
    public static DataSourceValidation validate(Map<String, String> config, String prefix) {
        Map<String, String> inline = config.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(e -> e.getKey().substring(prefix.length()), Map.Entry::getValue,
                        (a, b) -> b, LinkedHashMap::new));
        if (prefix.endsWith(".")) {
            String referenceKey = prefix.substring(0, prefix.length() - 1);
            String reference = config.get(referenceKey);
            if (reference != null && !reference.isBlank()) {
                return validateReference(referenceKey, reference, prefix, inline);
            }
        }
        return validateDefinition(inline, prefix);
    }

    /** The data source in a configuration, as {@link #validate(Map, String)} finds it, or an exception listing why not. */
    public static DataSource parse(Map<String, String> config, String prefix) {
        return validate(config, prefix).orElseThrow();
    }

    /** Checks a data-source definition whose keys have no prefix, such as a definition file. */
    public static DataSourceValidation validateDefinition(Map<String, String> definition) {
        return validateDefinition(definition, "");
    }

    private static DataSourceValidation validateReference(String referenceKey, String reference, String prefix,
                                                          Map<String, String> inline) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        String subject = "data source " + referenceKey;
        if (!inline.isEmpty()) {
            problems.put(referenceKey, List.of("Cannot combine " + referenceKey + " with " + prefix + "* keys: refer "
                    + "to a named data source or define one inline, not both"));
            return new DataSourceValidation(subject, Optional.empty(), problems);
        }
        Optional<Map<String, String>> definition = DataSourceReference.decode(reference);
        if (definition.isEmpty()) {
            // Never echo the value: it may be a resolved definition with secrets in it.
            String why = PLACEHOLDER.matcher(reference).find()
                    ? "its placeholder was not resolved; check that the workers configure the data-source config "
                    + "provider (config.providers=datasource, config.providers.datasource.class="
                    + "io.fsconnect.auth.provider.DataSourceConfigProvider, config.providers.datasource.param.dir="
                    + "<folder>)"
                    : "it is not a data-source reference; write ${datasource:<name>}";
            problems.put(referenceKey, List.of("Cannot read " + subject + ": " + why));
            return new DataSourceValidation(subject, Optional.empty(), problems);
        }
        DataSourceValidation named = validateDefinition(definition.get(), "");
        if (named.isValid()) {
            return named;
        }
        // The problems are in the definition on the workers, not in this config: report them on the reference key.
        String name = definition.get().getOrDefault(DataSourceConfig.NAME, "?");
        List<String> messages = named.errors().values().stream().flatMap(List::stream).distinct()
                .map(m -> "Data source '" + name + "' (" + referenceKey + "): " + m)
                .toList();
        return new DataSourceValidation("data source '" + name + "'", Optional.empty(), Map.of(referenceKey, messages));
    }

    private static DataSourceValidation validateDefinition(Map<String, String> definition, String prefix) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        String name = definition.get(DataSourceConfig.NAME);
        String subject = name == null || name.isBlank() ? "data source" + (prefix.isEmpty() ? "" : " " + prefix + "*")
                : "data source '" + name.trim() + "'";
        String typeKey = prefix + DataSourceConfig.TYPE;
        String typeValue = definition.get(DataSourceConfig.TYPE);
        String types = Arrays.stream(DataSourceType.values()).map(DataSourceType::id).collect(Collectors.joining(", "));
        if (typeValue == null || typeValue.isBlank()) {
            problems.put(typeKey, List.of(typeKey + " is required: one of " + types));
            return new DataSourceValidation(subject, Optional.empty(), problems);
        }
        Optional<DataSourceType> type = DataSourceType.fromId(typeValue);
        if (type.isEmpty()) {
            problems.put(typeKey, List.of(typeKey + " is '" + typeValue + "', not one of " + types));
            return new DataSourceValidation(subject, Optional.empty(), problems);
        }
        Map<String, String> normalized = new LinkedHashMap<>(definition);
        normalized.put(DataSourceConfig.TYPE, type.get().id());
        Fields fields = new Fields(prefix, type.get(), DataSourceConfig.configDef(type.get()), normalized, problems);
        Optional<? extends DataSource> dataSource;
        try {
            dataSource = read(fields, type.get());
        } catch (IllegalArgumentException e) {
            // A record's own invariant; the readers check first, so this means a rule they miss. Records never put
            // secret values into these messages.
            fields.problem(DataSourceConfig.TYPE, e.getMessage());
            dataSource = Optional.empty();
        }
        if (dataSource.isEmpty() && !fields.hasProblems()) {
            fields.problem(DataSourceConfig.TYPE, "Cannot read " + subject + " of type " + type.get().id());
        }
        return new DataSourceValidation(subject, dataSource.map(DataSource.class::cast), fields.problems());
    }

    private static Optional<? extends DataSource> read(Fields fields, DataSourceType type) {
        String name = fields.required(DataSourceConfig.NAME);
        if (fields.hasProblems() && name == null) {
            // Still run the kind's checks, so that every problem is reported at once; a record is not built.
            name = "unnamed";
        }
        return switch (type) {
            case JDBC -> JdbcConfig.read(fields, name);
            case SNOWFLAKE -> SnowflakeConfig.read(fields, name);
            case REDSHIFT -> RedshiftConfig.read(fields, name);
            case BIGQUERY -> BigQueryConfig.read(fields, name);
            case S3 -> S3Config.read(fields, name);
            case ADLS -> AdlsConfig.read(fields, name);
            case GCS -> GcsConfig.read(fields, name);
            case HOPSFS, HDFS -> HdfsConfig.read(fields, name);
            case LOCAL -> LocalConfig.read(fields, name);
            case KAFKA -> KafkaConfig.read(fields, name);
        };
    }
}
