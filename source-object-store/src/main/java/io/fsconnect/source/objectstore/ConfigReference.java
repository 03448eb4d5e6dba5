package io.fsconnect.source.objectstore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Renders the connector's {@link ConfigDef} as the Markdown key reference shipped next to the module,
 * grouped and ordered as {@code define()} says, so the documentation cannot drift from the code.
 */
final class ConfigReference {

    private ConfigReference() {
    }

    static String markdown() {
        ConfigDef def = ObjectStoreSourceConfig.configDef();
        StringBuilder out = new StringBuilder();
        out.append("# source-object-store configuration reference\n\n")
                .append("Generated from `ObjectStoreSourceConfig`; do not edit by hand.\n");
        List<String> groups = new ArrayList<>(def.groups());
        for (String group : groups) {
            out.append("\n## ").append(group).append("\n\n")
                    .append("| key | type | default | valid values | importance | description |\n")
                    .append("|---|---|---|---|---|---|\n");
            def.configKeys().values().stream()
                    .filter(key -> group.equals(key.group))
                    .sorted(Comparator.comparingInt(key -> key.orderInGroup))
                    .forEach(key -> out.append("| `").append(key.name).append("` | ")
                            .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                            .append(defaultValue(key)).append(" | ")
                            .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                            .append(key.importance.name().toLowerCase(Locale.ROOT)).append(" | ")
                            .append(cell(key.documentation)).append(" |\n"));
        }
        return out.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        if (key.defaultValue == null || key.defaultValue instanceof Password) {
            return "";
        }
        Object value = key.defaultValue instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf)
                .toList()) : key.defaultValue;
        String text = String.valueOf(value);
        return text.isEmpty() ? "(empty)" : "`" + cell(text) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
