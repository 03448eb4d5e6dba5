package io.fsconnect.source.jdbc;

import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.KeyMaterial;
import io.fsconnect.auth.SnowflakeAuth;
import io.fsconnect.auth.SnowflakeDataSource;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.auth.config.DataSourceReference;
import io.fsconnect.auth.config.DataSourceValidation;
import io.fsconnect.auth.config.SnowflakeConfig;
import io.fsconnect.auth.jdbc.JdbcCredentials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * The data-source keys of the JDBC source: instead of {@code connection.url},
 * {@code connection.user} and {@code connection.password}, a connector names a data source of kind
 * {@code jdbc}, {@code snowflake} or {@code redshift}, either in one line
 * ({@code datasource=${datasource:<name>}}, resolved by the workers' data-source config provider) or
 * inline with {@code datasource.*} keys (see common-auth's DATASOURCE-KEYS.md). Exactly one of the two
 * ways is allowed. {@link #problems} reports every problem per key as the user wrote it, including a
 * private key that does not decrypt; messages never contain a secret.
 */
public final class JdbcDataSourceConfig {

    /** The one-line data-source reference; {@link ConfigDef.Type#PASSWORD}, so never shown. */
    public static final String DATASOURCE = DataSourceReference.DATASOURCE;
    /** The prefix of an inline data source's keys. */
    public static final String DATASOURCE_PREFIX = DataSourceReference.PREFIX;

    private static final String URL = JdbcSourceConfig.CONNECTION_URL;

    private JdbcDataSourceConfig() {
    }

    /** Adds the {@link #DATASOURCE} key to {@code def} in {@code group} at {@code order}. */
    static void define(ConfigDef def, String group, int order) {
        DataSourceReference.define(def, group, order);
    }

    /**
     * Every problem of the connection keys of {@code config} (the connector config as given, with
     * placeholders resolved), keyed by the key it concerns: neither or both of {@code connection.url}
     * and a data source, connection keys that a data source makes meaningless, an invalid data
     * source, one of a kind that JDBC cannot read, or credentials that cannot be read.
     */
    public static Map<String, List<String>> problems(Map<String, String> config) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        boolean hasUrl = isSet(config.get(URL));
        boolean hasReference = isSet(config.get(DATASOURCE));
        List<String> inlineKeys = config.keySet().stream().filter(k -> k.startsWith(DATASOURCE_PREFIX)).sorted().toList();
        boolean hasDataSource = hasReference || !inlineKeys.isEmpty();
        String typeKey = DATASOURCE_PREFIX + "type";
        String dataSourceKey = hasReference || inlineKeys.isEmpty() ? DATASOURCE
            : inlineKeys.contains(typeKey) ? typeKey : inlineKeys.get(0);
        if (hasUrl && hasDataSource) {
            String message = "Cannot use both " + URL + " and a data source (" + DATASOURCE + " or "
                + DATASOURCE_PREFIX + "* keys): set one of them and remove the other";
            add(problems, URL, message);
            add(problems, dataSourceKey, message);
            return problems;
        }
        if (!hasUrl && !hasDataSource) {
            String message = "Cannot tell which database to read: set " + URL + " (with "
                + JdbcSourceConfig.CONNECTION_USER + " and " + JdbcSourceConfig.CONNECTION_PASSWORD
                + "), or a data source as " + DATASOURCE + "=${datasource:<name>} or " + DATASOURCE_PREFIX + "* keys";
            add(problems, URL, message);
            add(problems, DATASOURCE, message);
            return problems;
        }
        if (hasDataSource) {
            for (String key : List.of(JdbcSourceConfig.CONNECTION_USER, JdbcSourceConfig.CONNECTION_PASSWORD)) {
                if (isSet(config.get(key))) {
                    add(problems, key, "Cannot use " + key + " with a data source: the data source carries its "
                        + "own credentials; remove " + key);
                }
            }
            dataSourceProblems(config, hasReference).forEach((key, messages) -> messages.forEach(m -> add(problems, key, m)));
        }
        return problems;
    }

    /**
     * The problems {@link #problems} finds that concern keys of the {@link ConfigDef} only
     * ({@code connection.url} and {@code datasource}), from parsed values as {@code validate()} has
     * them; inline {@code datasource.*} keys are checked by {@link #problems} only.
     */
    static List<JdbcSourceConfig.ConfigProblem> definedKeyProblems(Function<String, Object> parsed) {
        Map<String, String> config = new LinkedHashMap<>();
        Object url = parsed.apply(URL);
        if (url != null) {
            config.put(URL, url.toString());
        }
        Object reference = parsed.apply(DATASOURCE);
        if (reference instanceof Password password && isSet(password.value())) {
            config.put(DATASOURCE, password.value());
        }
        List<JdbcSourceConfig.ConfigProblem> found = new ArrayList<>();
        if (config.containsKey(DATASOURCE)) {
            problems(config).forEach((key, messages) ->
                messages.forEach(m -> found.add(new JdbcSourceConfig.ConfigProblem(key, m))));
        }
        return found;
    }

    /**
     * The configured data source, or empty when the connector uses {@code connection.url}.
     *
     * @throws io.fsconnect.auth.config.InvalidDataSourceException (a ConfigException) listing every problem
     */
    static Optional<DataSource> dataSource(Map<String, String> config) {
        boolean configured = isSet(config.get(DATASOURCE))
            || config.keySet().stream().anyMatch(k -> k.startsWith(DATASOURCE_PREFIX));
        if (!configured) {
            return Optional.empty();
        }
        return Optional.of(DataSourceParser.parse(config, DATASOURCE_PREFIX));
    }

    private static Map<String, List<String>> dataSourceProblems(Map<String, String> config, boolean reference) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        DataSourceValidation validation = DataSourceParser.validate(config, DATASOURCE_PREFIX);
        if (!validation.isValid()) {
            return validation.errors();
        }
        DataSource source = validation.dataSource().orElseThrow();
        String kindKey = reference ? DATASOURCE : DATASOURCE_PREFIX + "type";
        if (!JdbcCredentials.isJdbcKind(source)) {
            add(problems, kindKey, "Cannot read data source '" + source.name() + "' with the JDBC source: it is of "
                + "type " + source.type().id() + "; use a data source of type jdbc, snowflake or redshift");
            return problems;
        }
        try {
            // Creating them reads and decrypts a private key, so a wrong key or passphrase is reported now.
            JdbcCredentials.forDataSource(source).close();
        } catch (IllegalArgumentException e) {
            add(problems, reference ? DATASOURCE : credentialsKey(source), e.getMessage());
        }
        return problems;
    }

    private static String credentialsKey(DataSource source) {
        if (source instanceof SnowflakeDataSource snowflake && snowflake.auth() instanceof SnowflakeAuth.KeyPair pair) {
            return DATASOURCE_PREFIX + (pair.privateKey() instanceof KeyMaterial.File
                ? SnowflakeConfig.PRIVATE_KEY_FILE : SnowflakeConfig.PRIVATE_KEY);
        }
        return DATASOURCE_PREFIX + "type";
    }

    private static void add(Map<String, List<String>> problems, String key, String message) {
        problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
