package io.fsconnect.auth.config;

import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.DataSourceType;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.util.Arrays;

/**
 * The keys every data source has ({@code type}, {@code name}, {@code description}, {@code options.*}) and the
 * {@link ConfigDef} of each kind, which the parser validates against and the key reference is generated from. Kind
 * specific keys live in one fragment class per kind ({@link S3Config}, {@link JdbcConfig}, ...).
 */
public final class DataSourceConfig {

    public static final String TYPE = "type";
    public static final String TYPE_DOC = "The kind of data source, which decides the other keys.";

    public static final String NAME = "name";
    public static final String NAME_DOC = "The unique name connectors refer to the data source by: letters, digits, "
            + "'_' and '-'. A named data source's file name is its name.";

    public static final String DESCRIPTION = "description";
    public static final String DESCRIPTION_DOC = "A description for people.";

    /** Keys starting with this prefix are extra options passed to the store's client, e.g. {@code options.ssl}. */
    public static final String OPTIONS_PREFIX = "options.";

    static final String GROUP = "Data source";

    private DataSourceConfig() {
    }

    /** The keys of a data source of the given kind, with their types, defaults, validators and documentation. */
    public static ConfigDef configDef(DataSourceType type) {
        ConfigDef def = new ConfigDef();
        new KeyGroup(def, GROUP)
                .define(TYPE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.ValidString.in(Arrays.stream(DataSourceType.values()).map(DataSourceType::id)
                                .toArray(String[]::new)),
                        Importance.HIGH, TYPE_DOC, Width.SHORT, "Type")
                .define(NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, KeyGroup.described("letters, digits, _ and -", DataSourceConfig::validateName),
                        Importance.HIGH, NAME_DOC, Width.MEDIUM, "Name")
                .define(DESCRIPTION, Type.STRING, null, Importance.LOW, DESCRIPTION_DOC, Width.LONG, "Description");
        switch (type) {
            case JDBC -> JdbcConfig.define(def);
            case SNOWFLAKE -> SnowflakeConfig.define(def);
            case REDSHIFT -> RedshiftConfig.define(def);
            case BIGQUERY -> BigQueryConfig.define(def);
            case S3 -> S3Config.define(def);
            case ADLS -> AdlsConfig.define(def);
            case GCS -> GcsConfig.define(def);
            case HOPSFS, HDFS -> HdfsConfig.define(def, type);
            case LOCAL -> LocalConfig.define(def);
            case KAFKA -> KafkaConfig.define(def);
            default -> throw new IllegalStateException("Unhandled data-source type " + type);
        }
        return def;
    }

    private static void validateName(String name, Object value) {
        if (value != null && !DataSource.NAME_PATTERN.matcher((String) value).matches()) {
            throw new ConfigException(name, value, "use 1 to 100 letters, digits, '_' and '-', starting with a "
                    + "letter, digit or '_'");
        }
    }
}
