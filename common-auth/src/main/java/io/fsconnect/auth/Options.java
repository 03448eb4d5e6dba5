package io.fsconnect.auth;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The extra name/value options of a data source (driver properties, client settings), kept in name order. Option
 * values are free-form and may hold anything an operator put there, so {@link #toString()} lists only the option
 * names, never their values.
 */
public final class Options {

    private static final Options NONE = new Options(Map.of());

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Options holding a copy of {@code values}. */
    public static Options of(Map<String, String> values) {
        return values.isEmpty() ? NONE : new Options(values);
    }

    /** No options. */
    public static Options none() {
        return NONE;
    }

    /** The value of one option. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** All options, unmodifiable, in name order. */
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Options options && values.equals(options.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Options" + values.keySet();
    }
}
