package io.fsconnect.source.jdbc;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A column named in the configuration that the result lacks or cannot be used as the key says; it
 * carries that config key so {@code validate()} can show the problem on it.
 */
public final class UnusableColumnException extends ConnectException {

    private static final long serialVersionUID = 1L;

    private final String configKey;

    public UnusableColumnException(String configKey, String message) {
        super(message);
        this.configKey = configKey;
    }

    /** The config key that named the column. */
    public String configKey() {
        return configKey;
    }
}
