package io.fsconnect.source.jdbc;

import java.util.Arrays;
import java.util.Locale;

/**
 * The values of {@code unsupported.type.handling}: what happens to a column whose database type has
 * no mapping. {@code fail} stops with an error naming the column and its type; {@code string} reads
 * the column as the driver's text form of the value (an optional STRING field). Either way a column
 * is never dropped silently.
 */
public enum UnsupportedTypeHandling {
    FAIL,
    STRING;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String[] configValues() {
        return Arrays.stream(values()).map(UnsupportedTypeHandling::configValue).toArray(String[]::new);
    }

    static UnsupportedTypeHandling fromConfigValue(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
