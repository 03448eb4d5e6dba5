package io.fsconnect.source.objectstore;

import io.fsconnect.auth.config.ConfigDefTables;
import org.apache.kafka.common.config.ConfigDef;

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
        out.append(ConfigDefTables.render(def));
        return out.toString();
    }
}
