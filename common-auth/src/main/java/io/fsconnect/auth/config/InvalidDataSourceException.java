package io.fsconnect.auth.config;

import org.apache.kafka.common.config.ConfigException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Thrown when a data-source definition has problems; the message lists all of them, each naming its key, and
 * {@link #errors()} has them per key. Messages never contain a secret value.
 */
public class InvalidDataSourceException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, List<String>> errors;

    public InvalidDataSourceException(String subject, Map<String, List<String>> errors) {
        super(message(subject, errors));
        this.errors = Map.copyOf(errors);
    }

    /** The problems, keyed by the key as written in the configuration. */
    public Map<String, List<String>> errors() {
        return errors;
    }

    private static String message(String subject, Map<String, List<String>> errors) {
        // A problem about keys that exclude each other is recorded on each of them; list it once.
        Set<String> messages = new LinkedHashSet<>();
        errors.values().forEach(messages::addAll);
        return "Cannot read " + subject + ": " + (messages.size() == 1 ? "" : messages.size() + " problems: ")
                + String.join("; ", messages);
    }
}
