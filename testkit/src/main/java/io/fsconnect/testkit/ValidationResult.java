package io.fsconnect.testkit;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code PUT /connector-plugins/{type}/config/validate}: how many errors the worker
 * found and, for each config key that has errors, the messages (keys without errors are left out).
 */
public record ValidationResult(int errorCount, Map<String, List<String>> errorsByKey) {

    public ValidationResult {
        errorsByKey = Map.copyOf(errorsByKey);
    }

    /** The messages reported for one key; empty when the key is valid or unknown. */
    public List<String> errors(String key) {
        return errorsByKey.getOrDefault(key, List.of());
    }
}
