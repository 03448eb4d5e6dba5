package io.fsconnect.auth.config;

import org.apache.kafka.common.config.ConfigDef;

/** Defines the keys of one group of a {@link ConfigDef}, numbering them in the order they are defined. */
final class KeyGroup {

    private final ConfigDef def;
    private final String group;
    private int order;

    KeyGroup(ConfigDef def, String group) {
        this.def = def;
        this.group = group;
    }

    KeyGroup define(String name, ConfigDef.Type type, Object defaultValue, ConfigDef.Validator validator,
                    ConfigDef.Importance importance, String doc, ConfigDef.Width width, String displayName) {
        def.define(name, type, defaultValue, validator, importance, doc, group, ++order, width, displayName);
        return this;
    }

    /** A validator whose {@code toString()}, shown in the key reference, is {@code description}. */
    static ConfigDef.Validator described(String description, ConfigDef.Validator check) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                check.ensureValid(name, value);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /** A validator for an optional key: unset is valid, a value must pass {@code validator}. */
    static ConfigDef.Validator unsetOr(ConfigDef.Validator validator) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null) {
                    validator.ensureValid(name, value);
                }
            }

            @Override
            public String toString() {
                return validator.toString();
            }
        };
    }

    KeyGroup define(String name, ConfigDef.Type type, Object defaultValue, ConfigDef.Importance importance,
                    String doc, ConfigDef.Width width, String displayName) {
        return define(name, type, defaultValue, null, importance, doc, width, displayName);
    }
}
