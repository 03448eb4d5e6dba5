package io.fsconnect.auth.config;

import io.fsconnect.auth.DataSourceType;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the reference of every data-source kind's keys, in Markdown, from the {@link ConfigDef}s the parser uses,
 * so the documentation cannot drift from the code. {@code main} writes it to the file named by its argument.
 */
public final class DataSourceKeyReference {

    private DataSourceKeyReference() {
    }

    /** The reference document. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Data-source keys\n\n")
                .append("Generated from the code by `").append(DataSourceKeyReference.class.getName())
                .append("`; do not edit.\n\n")
                .append("A data source is a flat set of keys. In a definition file (`<name>.properties`) they are ")
                .append("written as below; inline in a connector config they carry the connector's prefix, e.g. ")
                .append("`datasource.bucket`. `type` selects the kind. Keys starting with `")
                .append(DataSourceConfig.OPTIONS_PREFIX).append("` are extra options passed to the store's client ")
                .append("(for `jdbc`, the driver properties). Empty values count as unset. Keys of type `password` ")
                .append("are secrets: never shown by Connect, never in messages.\n\n");
        for (DataSourceType type : DataSourceType.values()) {
            out.append("## `type=").append(type.id()).append("`\n\n")
                    .append("| key | type | default | valid values | description |\n")
                    .append("|---|---|---|---|---|\n");
            List<ConfigDef.ConfigKey> keys = DataSourceConfig.configDef(type).configKeys().values().stream().toList();
            for (ConfigDef.ConfigKey key : keys) {
                out.append("| `").append(key.name).append("` | ")
                        .append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                        .append(defaultOf(key)).append(" | ")
                        .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
            }
            out.append('\n');
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
        if (key.defaultValue instanceof List<?> list) {
            return "`" + list.stream().map(Object::toString).collect(Collectors.joining(",")) + "`";
        }
        String value = key.defaultValue.toString();
        return value.isEmpty() ? "\"\"" : "`" + value + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }

    /** Writes the reference to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
    }
}
