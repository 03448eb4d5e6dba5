package io.fsconnect.sink;

import io.fsconnect.auth.config.DataSourceReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Renders the connector's configuration reference, in Markdown, from {@link ObjectStoreSinkConfig#CONFIG_DEF}: one
 * table per group, keys in their order within the group, so that CONFIG.md cannot drift from the code.
 */
final class ConfigReference {

    private ConfigReference() {
    }

    /** The reference document. */
    static String markdown() {
        Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
        for (ConfigDef.ConfigKey key : ObjectStoreSinkConfig.CONFIG_DEF.configKeys().values()) {
            groups.computeIfAbsent(key.group, group -> new ArrayList<>()).add(key);
        }
        StringBuilder out = new StringBuilder();
        out.append("# sink-object-store configuration\n\n")
                .append("Generated from the code by `").append(ConfigReference.class.getName())
                .append("`; do not edit. Refresh with `mvn -pl sink-object-store -am test -Dtest=ConfigReferenceTest ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false -Dfsconnect.docs.update=true`.\n\n")
                .append("The store is a data source: `").append(DataSourceReference.DATASOURCE)
                .append("` below, or inline `").append(DataSourceReference.PREFIX)
                .append("*` keys as listed in common-auth/DATASOURCE-KEYS.md for the types `local`, `s3`, `adls` ")
                .append("and `gcs`. Keys of type `password` are never shown by Connect.\n\n");
        groups.forEach((group, keys) -> {
            out.append("## ").append(group).append("\n\n")
                    .append("| key | type | default | valid values | description |\n")
                    .append("|---|---|---|---|---|\n");
            keys.stream().sorted(java.util.Comparator.comparingInt(key -> key.orderInGroup)).forEach(key ->
                    out.append("| `").append(key.name).append("` | ")
                            .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                            .append(defaultOf(key)).append(" | ")
                            .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                            .append(cell(key.documentation)).append(" |\n"));
            out.append('\n');
        });
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
        String value = key.defaultValue.toString();
        return value.isEmpty() ? "\"\"" : "`" + value + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }
}
