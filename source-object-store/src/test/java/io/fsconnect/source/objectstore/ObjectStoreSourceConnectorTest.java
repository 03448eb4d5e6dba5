package io.fsconnect.source.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class ObjectStoreSourceConnectorTest {

    private static Map<String, String> valid() {
        Map<String, String> config = new HashMap<>();
        config.put("datasource.type", "local");
        config.put("datasource.name", "lake");
        config.put("datasource.path", "/tmp/lake");
        config.put("input.format", "csv");
        config.put("topic", "fg");
        return config;
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        return new ObjectStoreSourceConnector().validate(config).configValues().stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void aValidConfigurationHasNoErrors() {
        assertThat(errors(valid())).isEmpty();
    }

    @Test
    void validationNamesTheDataSourceKeyAtFault() {
        Map<String, String> config = valid();
        config.put("datasource.type", "s3");
        config.remove("datasource.path");
        assertThat(errors(config)).containsKey("datasource.bucket");

        config = valid();
        config.put("datasource.type", "jdbc");
        assertThat(errors(config).values()).flatMap(messages -> messages).isNotEmpty();

        config = valid();
        config.remove("datasource.type");
        config.remove("datasource.name");
        config.remove("datasource.path");
        assertThat(errors(config)).isNotEmpty();
    }

    @Test
    void exactlyOneOfTopicAndTopicTemplateIsRequired() {
        Map<String, String> config = valid();
        config.put("topic.template", "fg_${object.dir}");
        assertThat(errors(config).get("topic")).singleElement().asString()
                .startsWith("Cannot choose the topic: set exactly one of topic");

        config.remove("topic");
        assertThat(errors(config)).isEmpty();

        config.put("topic.template", "fg_${object.folder}");
        assertThat(errors(config).get("topic.template")).singleElement().asString()
                .contains("Cannot use placeholder ${object.folder} in topic.template");
    }

    @Test
    void topicTemplateNamesTheTopicAfterTheObjectsFolderAndFile() {
        TopicTemplate template = TopicTemplate.parse("fg_${object.dir}", "lake/");
        assertThat(template.topicFor("lake/orders/2026/part 1.parquet")).isEqualTo("fg_2026");
        assertThat(TopicTemplate.parse("${object.path}.${object.name}", "lake/")
                .topicFor("lake/orders/eu/part-1.csv.gz")).isEqualTo("orders_eu.part-1");
        assertThatThrownBy(() -> TopicTemplate.parse("${object.dir}", "lake/").topicFor("lake/top.csv"))
                .hasMessageContaining("Cannot name the topic of object lake/top.csv");
    }

    @Test
    void validationNamesTheKeyToChange() {
        Map<String, String> config = valid();
        config.put("post.read.action", "move");
        config.put("input.glob", "*.csv");
        config.put("input.regex", ".*");
        config.put("input.columns", "id:int64,at:instant");
        config.put("csv.delimiter", ";;");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors.get("move.prefix")).singleElement().asString().contains("post.read.action=move");
        assertThat(errors.get("input.regex")).singleElement().asString().contains("both input.glob and input.regex");
        assertThat(errors.get("input.columns")).singleElement().asString().contains("'instant'");
        assertThat(errors.get("csv.delimiter")).singleElement().asString().contains("one character");
    }

    @Test
    void keyAndEventTimeColumnsMustBeDeclaredColumns() {
        Map<String, String> config = valid();
        config.put("input.columns", "id:int64,name:string");
        config.put("primary.key.columns", "id,missing");
        config.put("event.time.column", "at");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors.get("primary.key.columns")).singleElement().asString().contains("'missing'");
        assertThat(errors.get("event.time.column")).singleElement().asString().contains("'at'");
        assertThatThrownBy(() -> new ObjectStoreSourceConfig(config)).isInstanceOf(ConfigException.class);
    }

    @Test
    void csvWithoutHeaderNeedsDeclaredColumns() {
        Map<String, String> config = valid();
        config.put("csv.header", "false");
        assertThat(errors(config).get("input.columns")).singleElement().asString().contains("without a header");
    }

    @Test
    void editedOffsetsMustNameAnObjectAndParse() {
        ObjectStoreSourceConnector connector = new ObjectStoreSourceConnector();
        Map<String, Object> partition = Map.of("store", "local:/tmp/lake", "object", "a.csv");
        Map<Map<String, ?>, Map<String, ?>> good = new HashMap<>();
        good.put(partition, Map.of("size", 10L, "mtime", 5L, "record", 3L, "done", false));
        assertThat(connector.alterOffsets(valid(), good)).isTrue();
        Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
        reset.put(partition, null);
        assertThat(connector.alterOffsets(valid(), reset)).isTrue();
        assertThatThrownBy(() -> connector.alterOffsets(valid(), Map.of(partition, Map.of("record", -1L))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("a.csv");
        assertThatThrownBy(() -> connector.alterOffsets(valid(), Map.of(Map.of("file", "a.csv"), Map.of())))
                .isInstanceOf(ConnectException.class).hasMessageContaining("GET /connectors/<name>/offsets");
    }

    @Test
    void supportsExactlyOnce() {
        assertThat(new ObjectStoreSourceConnector().exactlyOnceSupport(valid())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }
}
