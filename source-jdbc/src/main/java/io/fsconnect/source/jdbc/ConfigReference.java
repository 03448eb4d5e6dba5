package io.fsconnect.source.jdbc;

import io.fsconnect.auth.config.ConfigDefTables;
import org.apache.kafka.common.config.ConfigDef;

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
        out.append(ConfigDefTables.render(def));
        return out.toString();
    }
}
