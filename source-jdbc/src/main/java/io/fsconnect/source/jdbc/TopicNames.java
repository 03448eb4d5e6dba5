package io.fsconnect.source.jdbc;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes the topic name of a discovered table or a named query from {@code topic.prefix} and
 * {@code topic.template}: {@code ${table}}, {@code ${schema}} and {@code ${query}} are replaced, and
 * characters Kafka does not allow in a topic name become {@code _}, so a table name with spaces or
 * quotes still yields a usable topic.
 */
final class TopicNames {

    private static final Pattern ILLEGAL = Pattern.compile("[^a-zA-Z0-9._-]");
    private static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /** The topic of table {@code qualifiedName} ({@code schema.table} or {@code table}). */
    static String forTable(String prefix, Optional<String> template, String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        String schema = dot < 0 ? "" : qualifiedName.substring(0, dot);
        String table = qualifiedName.substring(dot + 1);
        return expand(prefix, template.orElse("${table}"), table, schema, "");
    }

    /** The topic of the named query {@code name}. */
    static String forQuery(String prefix, Optional<String> template, String name) {
        return expand(prefix, template.orElse("${query}"), "", "", name);
    }

    private static String expand(String prefix, String template, String table, String schema, String query) {
        String name = prefix + template.replace("${table}", table).replace("${schema}", schema)
            .replace("${query}", query);
        String legal = ILLEGAL.matcher(name).replaceAll("_");
        if (legal.isEmpty() || legal.equals(".") || legal.equals("..") || legal.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Cannot make a topic name from " + SourceSelectionKeys.TOPIC_PREFIX
                + "='" + prefix + "' and " + SourceSelectionKeys.TOPIC_TEMPLATE + "='" + template + "': the result '"
                + legal + "' is not a legal topic name (1 to " + MAX_LENGTH + " characters, not . or ..)");
        }
        return legal;
    }
}
