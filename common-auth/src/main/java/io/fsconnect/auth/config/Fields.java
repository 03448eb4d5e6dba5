package io.fsconnect.auth.config;

import io.fsconnect.auth.DataSourceType;
import io.fsconnect.auth.Options;
import io.fsconnect.auth.Secret;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys of one data-source definition, parsed against its kind's {@link ConfigDef}, with every problem found
 * collected per key (as the user wrote it, prefix included) instead of failing on the first. Readers of each kind ask
 * for typed values and add their cross-field problems here; they build a record only when there is none.
 * Problem messages name keys, never values, except values of non-secret keys that failed to parse.
 */
final class Fields {

    /** Keys where an empty value means something (as in Kafka) rather than "not set". */
    private static final Set<String> EMPTY_IS_A_VALUE = Set.of(KafkaConfig.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM);

    private final String prefix;
    private final DataSourceType type;
    private final ConfigDef def;
    private final Map<String, Object> values = new HashMap<>();
    private final Set<String> unparsable = new HashSet<>();
    private final Map<String, String> options = new TreeMap<>();
    private final Map<String, List<String>> problems;

    Fields(String prefix, DataSourceType type, ConfigDef def, Map<String, String> definition,
           Map<String, List<String>> problems) {
        this.prefix = prefix;
        this.type = type;
        this.def = def;
        this.problems = problems;
        Map<String, ConfigDef.ConfigKey> keys = def.configKeys();
        for (Map.Entry<String, String> entry : definition.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            if (name.startsWith(DataSourceConfig.OPTIONS_PREFIX)) {
                String option = name.substring(DataSourceConfig.OPTIONS_PREFIX.length());
                if (option.isEmpty()) {
                    problem(name, key(name) + " has no option name; write " + key(DataSourceConfig.OPTIONS_PREFIX)
                            + "<name>");
                } else {
                    options.put(option, value == null ? "" : value);
                }
                continue;
            }
            ConfigDef.ConfigKey configKey = keys.get(name);
            if (configKey == null) {
                problem(name, key(name) + " is not a key of a " + type.id() + " data source; see the data-source "
                        + "reference for its keys, and put extra client options under " + key(DataSourceConfig.OPTIONS_PREFIX)
                        + "<name>");
                continue;
            }
            if (value == null || (value.isBlank() && !EMPTY_IS_A_VALUE.contains(name))) {
                continue;
            }
            try {
                Object parsed = ConfigDef.parseType(name, value.trim(), configKey.type);
                if (configKey.validator != null) {
                    configKey.validator.ensureValid(name, parsed);
                }
                values.put(name, parsed);
            } catch (ConfigException e) {
                unparsable.add(name);
                // Kafka names the key without our prefix; say which key the user wrote.
                problem(name, key(name) + ": " + e.getMessage());
            }
        }
        for (ConfigDef.ConfigKey configKey : keys.values()) {
            if (!configKey.hasDefault() && !values.containsKey(configKey.name) && !unparsable.contains(configKey.name)) {
                problem(configKey.name, key(configKey.name) + " is required for a " + type.id() + " data source");
            }
        }
    }

    /** The key as the user wrote it, with the prefix. */
    String key(String name) {
        return prefix + name;
    }

    DataSourceType type() {
        return type;
    }

    /** Whether the key was set (to a value that parsed). */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** Whether the key was set, whether or not its value parsed. */
    boolean present(String name) {
        return values.containsKey(name) || unparsable.contains(name);
    }

    Optional<String> string(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    /** A required string; when missing, the problem is already recorded and null is returned. */
    String required(String name) {
        return (String) values.get(name);
    }

    Optional<Secret> secret(String name) {
        return Optional.ofNullable((Password) values.get(name)).map(p -> Secret.of(p.value()));
    }

    int integer(String name) {
        Object value = values.get(name);
        return value != null ? (Integer) value : (Integer) defaultValue(name);
    }

    boolean bool(String name) {
        Object value = values.get(name);
        return value != null ? (Boolean) value : (Boolean) defaultValue(name);
    }

    @SuppressWarnings("unchecked")
    List<String> list(String name) {
        Object value = values.get(name);
        return value != null ? (List<String>) value : List.of();
    }

    /** The value of a key with a default, as the {@link ConfigDef} declares it. */
    String stringOrDefault(String name) {
        Object value = values.get(name);
        return value != null ? (String) value : (String) defaultValue(name);
    }

    private Object defaultValue(String name) {
        return def.configKeys().get(name).defaultValue;
    }

    Options options() {
        return Options.of(options);
    }

    /** The options, for readers that take some of them out (e.g. a JDBC password among the driver properties). */
    Map<String, String> mutableOptions() {
        return options;
    }

    /** Records a problem with one key; the message names the key with {@link #key(String)}. */
    void problem(String name, String message) {
        problems.computeIfAbsent(key(name), k -> new ArrayList<>()).add(message);
    }

    /** Records one problem on each of several keys, e.g. settings that exclude each other. */
    void problem(List<String> names, String message) {
        for (String name : names) {
            problem(name, message);
        }
    }

    /** Records that at most one group of keys may be set; returns the index of the group set, if exactly one. */
    Optional<Integer> atMostOne(String what, List<List<String>> groups) {
        List<Integer> set = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).stream().anyMatch(this::present)) {
                set.add(i);
            }
        }
        if (set.size() > 1) {
            List<String> keysSet = new ArrayList<>();
            for (int i : set) {
                groups.get(i).stream().filter(this::present).forEach(keysSet::add);
            }
            String listed = String.join(", ", keysSet.stream().map(this::key).toList());
            problem(keysSet, "Cannot combine " + listed + ": they select different " + what
                    + " modes; set the keys of one mode only");
            return Optional.empty();
        }
        return set.isEmpty() ? Optional.empty() : Optional.of(set.get(0));
    }

    /** Records a problem on each missing key of a group of keys that must be set together. */
    void allOrNone(String what, List<String> names) {
        List<String> set = names.stream().filter(this::present).toList();
        if (!set.isEmpty() && set.size() < names.size()) {
            String all = String.join(", ", names.stream().map(this::key).toList());
            for (String name : names) {
                if (!present(name)) {
                    problem(name, key(name) + " is required for " + what + ": set all of " + all + " or none");
                }
            }
        }
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Problems so far, keyed by key as the user wrote it, in the order found. */
    Map<String, List<String>> problems() {
        return new LinkedHashMap<>(problems);
    }
}
