package io.fsconnect.auth.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A whole named data source in one connector config value. A connector config holds
 * {@code datasource=${datasource:orders_pg}}; the worker's data-source config provider replaces the placeholder,
 * inside the worker only, with the data source's definition encoded by {@link #encode(Map)}. The key is
 * {@link ConfigDef.Type#PASSWORD}, so Connect never shows its resolved value, and connectors copy it verbatim into
 * their task configs, so Connect stores the placeholder, not the value, for the tasks too.
 */
public final class DataSourceReference {

    /** The key of the one-line reference in a connector config. */
    public static final String DATASOURCE = "datasource";
    public static final String DATASOURCE_DOC = "A named data source defined on the workers, written "
            + "${datasource:<name>}; resolved by the workers' data-source config provider. Instead of this key, a "
            + "data source may be written inline with " + "datasource." + "* keys.";

    /** The prefix of an inline data source's keys in a connector config. */
    public static final String PREFIX = DATASOURCE + ".";

    private static final String MARKER = "fsconnect-datasource-v1?";

    private DataSourceReference() {
    }

    /** Adds the {@link #DATASOURCE} key to a connector's {@link ConfigDef}. */
    public static ConfigDef define(ConfigDef def, String group, int orderInGroup) {
        return def.define(DATASOURCE, Type.PASSWORD, null, Importance.HIGH, DATASOURCE_DOC, group, orderInGroup,
                Width.LONG, "Data source");
    }

    /** Encodes a definition into one string: sorted {@code key=value} pairs, URL-encoded, after a version marker. */
    public static String encode(Map<String, String> definition) {
        StringBuilder encoded = new StringBuilder(MARKER);
        String separator = "";
        for (Map.Entry<String, String> entry : new TreeMap<>(definition).entrySet()) {
            encoded.append(separator)
                    .append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        return encoded.toString();
    }

    /** The definition in an {@link #encode(Map) encoded} value; empty if the value is not one. */
    public static Optional<Map<String, String>> decode(String value) {
        if (value == null || !value.startsWith(MARKER)) {
            return Optional.empty();
        }
        Map<String, String> definition = new LinkedHashMap<>();
        String body = value.substring(MARKER.length());
        if (body.isEmpty()) {
            return Optional.of(definition);
        }
        try {
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    return Optional.empty();
                }
                definition.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException malformedEscape) {
            return Optional.empty();
        }
        return Optional.of(definition);
    }
}
