package io.fsconnect.source.objectstore;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;

/**
 * The topic of an object's records: one fixed {@code topic}, or a {@code topic.template} whose placeholders name
 * parts of the object's key after {@code input.prefix}: {@code ${object.path}} its folders ({@code a/b}),
 * {@code ${object.dir}} the folder it is in ({@code b}), {@code ${object.name}} its file name up to the first
 * {@code .}. As in source-jdbc's {@code topic.template}, characters Kafka does not allow in a topic name become
 * {@code _}. An object whose key makes no legal topic (e.g. {@code ${object.dir}} of an object outside any folder)
 * is a bad record, named with its key.
 */
final class TopicTemplate {

    static final String OBJECT_PATH = "${object.path}";
    static final String OBJECT_DIR = "${object.dir}";
    static final String OBJECT_NAME = "${object.name}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern ILLEGAL = Pattern.compile("[^a-zA-Z0-9._-]");
    private static final int MAX_LENGTH = 249;

    private final String template;
    private final String inputPrefix;
    private final boolean fixed;
    private String lastKey;
    private String lastTopic;

    private TopicTemplate(String template, String inputPrefix, boolean fixed) {
        this.template = template;
        this.inputPrefix = inputPrefix;
        this.fixed = fixed;
    }

    /** Every object's records go to {@code topic}. */
    static TopicTemplate fixed(String topic) {
        return new TopicTemplate(Objects.requireNonNull(topic, "topic"), "", true);
    }

    /**
     * The topics {@code template} makes from keys under {@code inputPrefix}.
     *
     * @throws ConfigException naming {@code topic.template} if it has an unknown placeholder or can make no legal
     *         topic name
     */
    static TopicTemplate parse(String template, String inputPrefix) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        while (placeholders.find()) {
            String placeholder = placeholders.group();
            if (!placeholder.equals(OBJECT_PATH) && !placeholder.equals(OBJECT_DIR)
                    && !placeholder.equals(OBJECT_NAME)) {
                throw new ConfigException(ObjectStoreSourceConfig.TOPIC_TEMPLATE, template, "Cannot use placeholder "
                        + placeholder + " in " + ObjectStoreSourceConfig.TOPIC_TEMPLATE + ": use " + OBJECT_PATH + ", "
                        + OBJECT_DIR + " or " + OBJECT_NAME);
            }
        }
        String sample = legal(expand(template, "dir/dir", "dir", "name"));
        if (sample.isEmpty() || sample.equals(".") || sample.equals("..") || sample.length() > MAX_LENGTH) {
            throw new ConfigException(ObjectStoreSourceConfig.TOPIC_TEMPLATE, template, "Cannot make topic names from "
                    + ObjectStoreSourceConfig.TOPIC_TEMPLATE + ": it gives '" + sample + "', which is not a legal topic"
                    + " name (1 to " + MAX_LENGTH + " characters of a-z, A-Z, 0-9, '.', '_' and '-', not . or ..)");
        }
        return new TopicTemplate(template, inputPrefix, false);
    }

    /**
     * The topic of the records of the object at {@code key}.
     *
     * @throws DataException if the key makes no legal topic name
     */
    String topicFor(String key) {
        if (fixed) {
            return template;
        }
        if (key.equals(lastKey)) {
            return lastTopic;
        }
        String relative = key.startsWith(inputPrefix) ? key.substring(inputPrefix.length()) : key;
        int slash = relative.lastIndexOf('/');
        String path = slash < 0 ? "" : relative.substring(0, slash);
        String dir = path.substring(path.lastIndexOf('/') + 1);
        String file = relative.substring(slash + 1);
        int dot = file.indexOf('.');
        String name = dot < 0 ? file : file.substring(0, dot);
        String topic = legal(expand(template, path, dir, name));
        if (topic.isEmpty() || topic.equals(".") || topic.equals("..") || topic.length() > MAX_LENGTH) {
            throw new DataException("Cannot name the topic of object " + key + ": " + ObjectStoreSourceConfig.TOPIC_TEMPLATE
                    + "='" + template + "' gives '" + topic + "', which is not a legal topic name");
        }
        lastKey = key;
        lastTopic = topic;
        return topic;
    }

    private static String expand(String template, String path, String dir, String name) {
        return template.replace(OBJECT_PATH, path).replace(OBJECT_DIR, dir).replace(OBJECT_NAME, name);
    }

    private static String legal(String name) {
        return ILLEGAL.matcher(name).replaceAll("_");
    }

    @Override
    public String toString() {
        return template;
    }
}
