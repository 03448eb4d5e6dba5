package io.fsconnect.source.objectstore;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a malformed record or an unreadable file does: {@link #FAIL} stops the task naming the object
 * and the record position; {@link #SKIP} logs both at WARN, counts the record, and reads on.
 */
enum BadRecordPolicy {
    FAIL,
    SKIP;

    String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String[] configValues() {
        return Arrays.stream(values()).map(BadRecordPolicy::configValue).toArray(String[]::new);
    }

    static BadRecordPolicy fromConfig(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
