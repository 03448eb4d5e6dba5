package io.fsconnect.source.objectstore;

import java.util.Arrays;
import java.util.Locale;

/** What happens to an object once all its records are in Kafka and its final offset is committed. */
enum PostReadAction {
    NONE,
    DELETE,
    MOVE;

    String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String[] configValues() {
        return Arrays.stream(values()).map(PostReadAction::configValue).toArray(String[]::new);
    }

    static PostReadAction fromConfig(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
