package io.fsconnect.auth.config;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Renders a {@link ConfigDef} as Markdown: one table per group, in the order the groups were defined, each key in
 * its order within the group, with its type, default, valid values, importance and documentation. Every connector's
 * generated CONFIG.md is its own introduction followed by these tables, so the references read alike and cannot
 * drift from the code. Password defaults are never shown.
 */
public final class ConfigDefTables {

    private ConfigDefTables() {
    }

    /** The tables of every group of {@code def}, each headed {@code ## <group>} and preceded by a blank line. */
    public static String render(ConfigDef def) {
        StringBuilder out = new StringBuilder();
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

    /** Text fit for one table cell: pipes escaped, angle brackets as entities, on one line. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }
}
