package io.fsconnect.source.jdbc;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Renders the connector's configuration reference, in Markdown, from {@link JdbcSourceConfig#configDef()}: one
 * table per group in the order the groups are defined, keys in their order within the group, so that CONFIG.md
 * cannot drift from the code. Keys that a {@code ConfigDef} cannot declare (inline {@code datasource.*} keys and
 * the per-query {@code query.<name>.<key>} keys) are explained in the introduction.
 */
final class ConfigReference {

    /** The command that rewrites CONFIG.md; the staleness test names it when the file is out of date. */
    static final String REFRESH_COMMAND = "mvn -pl source-jdbc -am test -Dtest=ConfigReferenceTest "
        + "-Dsurefire.failIfNoSpecifiedTests=false -Dfsconnect.docs.update=true";

    private ConfigReference() {
    }

    /** The reference document. */
    static String markdown() {
        ConfigDef def = JdbcSourceConfig.configDef();
        StringBuilder out = new StringBuilder();
        out.append("# source-jdbc configuration\n\n")
            .append("Generated from the code by `").append(ConfigReference.class.getName())
            .append("`; do not edit. Refresh with `").append(REFRESH_COMMAND).append("`.\n\n")
            .append("The database is either `").append(JdbcSourceConfig.CONNECTION_URL).append("` with `")
            .append(JdbcSourceConfig.CONNECTION_USER).append("` and `").append(JdbcSourceConfig.CONNECTION_PASSWORD)
            .append("`, or a data source: `").append(JdbcDataSourceConfig.DATASOURCE).append("` below, or inline `")
            .append(JdbcDataSourceConfig.DATASOURCE_PREFIX)
            .append("*` keys as listed in common-auth/DATASOURCE-KEYS.md for the types `jdbc`, `snowflake` and ")
            .append("`redshift`. What is read is exactly one of `").append(JdbcSourceConfig.TABLE_NAME).append("`, `")
            .append(JdbcSourceConfig.QUERY).append("`, `").append(SourceSelectionKeys.TABLE_INCLUDE_LIST)
            .append("` and `").append(SourceSelectionKeys.QUERIES).append("`; each named query is set with `")
            .append(SourceSelectionKeys.QUERY_KEY_PREFIX).append("<name>.").append(SourceSelectionKeys.QUERY_SQL_SUFFIX)
            .append("` and may override ")
            .append(String.join(", ", SourceSelectionKeys.QUERY_KEYS.stream()
                .filter(key -> !key.equals(SourceSelectionKeys.QUERY_SQL_SUFFIX)).sorted()
                .map(key -> "`" + key + "`").toList()))
            .append(" as `").append(SourceSelectionKeys.QUERY_KEY_PREFIX).append("<name>.<key>`. ")
            .append("Keys of type `password` are never shown by Connect.\n");
        for (String group : List.copyOf(def.groups())) {
            out.append("\n## ").append(group).append("\n\n")
                .append("| key | type | default | valid values | importance | description |\n")
                .append("|---|---|---|---|---|---|\n");
            def.configKeys().values().stream()
                .filter(key -> group.equals(key.group))
                .sorted(Comparator.comparingInt(key -> key.orderInGroup))
                .forEach(key -> out.append("| `").append(key.name).append("` | ")
                    .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(defaultOf(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(key.importance.name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(cell(key.documentation)).append(" |\n"));
        }
        return out.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "**required**";
        }
        if (key.defaultValue == null) {
            return "";
        }
        if (key.defaultValue instanceof Password) {
            return "(hidden)";
        }
        String value = key.defaultValue instanceof List<?> list
            ? String.join(",", list.stream().map(String::valueOf).toList())
            : key.defaultValue.toString();
        return value.isEmpty() ? "\"\"" : "`" + cell(value) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }
}
