package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSplitTest {

    private static final String RATIOS = "train:0.8,test:0.1,validation:0.1";
    private static final int RECORDS = 100_000;

    @TempDir
    Path root;

    @Test
    void partsGetTheirShareOfKeysWithinOnePercent() {
        Map<String, Long> counts = countByPart(DataSplit.parse(RATIOS, 42));

        assertThat(counts.get("train") / (double) RECORDS).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts.get("test") / (double) RECORDS).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts.get("validation") / (double) RECORDS)
                .isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void theSameKeyAndSeedGiveTheSamePartInEveryRunAndAnotherSeedAnotherSplit() {
        List<String> first = parts(DataSplit.parse(RATIOS, 7));
        List<String> again = parts(DataSplit.parse(RATIOS, 7));
        List<String> otherSeed = parts(DataSplit.parse(RATIOS, 8));

        assertThat(again).isEqualTo(first);
        long moved = IntStream.range(0, RECORDS).filter(i -> !first.get(i).equals(otherSeed.get(i))).count();
        assertThat(moved).isGreaterThan(RECORDS / 10);
    }

    @Test
    void recordsOfOneKeyStayTogetherWhateverTheirOffsetAndStructKeysWork() {
        DataSplit split = DataSplit.parse(RATIOS, 1);
        Schema keySchema = SchemaBuilder.struct().field("customer", Schema.INT64_SCHEMA).build();
        for (long customer = 0; customer < 200; customer++) {
            Struct key = new Struct(keySchema).put("customer", customer);
            String part = split.partOf(new SinkRecord("orders", 0, keySchema, key, null, null, 5));
            assertThat(split.partOf(new SinkRecord("orders", 3, keySchema, new Struct(keySchema).put("customer",
                    customer), null, null, 90_000))).isEqualTo(part);
        }
    }

    @Test
    void unusableRatiosAreRefusedOnTheKeyWithWhatToWrite() {
        assertThatThrownBy(() -> new ObjectStoreSinkConfig(Map.of("datasource.type", "local",
                "split.ratios", "train:0.8,test:0.1")))
                .hasMessageContaining("split.ratios")
                .hasMessageContaining("the ratios add up to 0.9")
                .hasMessageContaining("train:0.8,test:0.1,validation:0.1");
        assertThatThrownBy(() -> DataSplit.parse("train:0.5,train:0.5", 0)).hasMessageContaining("named twice");
        assertThatThrownBy(() -> DataSplit.parse("tr/ain:1", 0)).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> DataSplit.parse("train:-1,test:2", 0)).hasMessageContaining("above 0");
    }

    @Test
    void theSinkWritesEachPartUnderTheTopicDirectory() {
        Map<String, String> props = new HashMap<>();
        props.put("datasource.type", "local");
        props.put("datasource.name", "training");
        props.put("datasource.path", root.toString());
        props.put("format", "json");
        props.put("flush.size", "100");
        props.put("split.ratios", "train:0.5,test:0.5");
        props.put("split.seed", "3");
        ObjectStoreSinkTask task = new ObjectStoreSinkTask();
        task.initialize(new FakeSinkTaskContext(props, false));
        task.start(props);
        try {
            task.put(IntStream.range(0, 1000).mapToObj(i -> new SinkRecord("orders", 0, Schema.STRING_SCHEMA,
                    "key-" + i, Schema.STRING_SCHEMA, "v" + i, i)).toList());
        } finally {
            task.stop();
        }

        List<String> files = ParquetRows.files(root);
        assertThat(files).isNotEmpty().allMatch(name -> name.matches(
                "topics/orders/(train|test)/partition=0/orders\\+0\\+\\d{20}\\.jsonl"));
        assertThat(files).anyMatch(name -> name.contains("/train/")).anyMatch(name -> name.contains("/test/"));
    }

    private static Map<String, Long> countByPart(DataSplit split) {
        return parts(split).stream().collect(Collectors.groupingBy(part -> part, Collectors.counting()));
    }

    private static List<String> parts(DataSplit split) {
        return IntStream.range(0, RECORDS)
                .mapToObj(i -> split.partOf(new SinkRecord("orders", i % 4, Schema.STRING_SCHEMA, "customer-" + i,
                        null, null, i)))
                .toList();
    }
}
