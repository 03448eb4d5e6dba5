package io.fsconnect.sink;

import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The keys of the optional training-data split and the {@link DataSplit} they describe. */
final class SplitConfig {

    static final String GROUP = "Training-data split";

    static final String SPLIT_RATIOS = "split.ratios";
    static final String SPLIT_RATIOS_DOC = "Splits each topic's records into parts written to sibling directories,"
            + " <topics.dir>/<topic>/<part>/..., e.g. train:0.8,test:0.1,validation:0.1 (names of letters, digits,"
            + " '_' and '-'; ratios add up to 1). A record's part is chosen by a hash of its key and split.seed, so"
            + " all records of a key go to the same part, in every run; records without a key are placed by topic,"
            + " partition and offset. Empty: no split.";
    static final String SPLIT_RATIOS_DEFAULT = "";

    static final String SPLIT_SEED = "split.seed";
    static final String SPLIT_SEED_DOC = "The seed of the split's hash: the same seed gives the same split, another"
            + " seed a different one with the same ratios.";
    static final long SPLIT_SEED_DEFAULT = 0L;

    private SplitConfig() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(SPLIT_RATIOS, ConfigDef.Type.STRING, SPLIT_RATIOS_DEFAULT,
                        ConfigDef.LambdaValidator.with(SplitConfig::validateRatios,
                                () -> "empty, or name:ratio,... with ratios adding up to 1"),
                        ConfigDef.Importance.MEDIUM, SPLIT_RATIOS_DOC, GROUP, ++order, ConfigDef.Width.LONG,
                        "Split ratios")
                .define(SPLIT_SEED, ConfigDef.Type.LONG, SPLIT_SEED_DEFAULT, ConfigDef.Importance.LOW, SPLIT_SEED_DOC,
                        GROUP, ++order, ConfigDef.Width.SHORT, "Split seed");
    }

    /** The split, if one is configured. */
    static Optional<DataSplit> split(AbstractConfig config) {
        String ratios = config.getString(SPLIT_RATIOS).strip();
        return ratios.isEmpty() ? Optional.empty()
                : Optional.of(DataSplit.parse(ratios, config.getLong(SPLIT_SEED)));
    }

    private static void validateRatios(String name, Object value) {
        String ratios = value == null ? "" : ((String) value).strip();
        if (ratios.isEmpty()) {
            return;
        }
        try {
            DataSplit.parse(ratios, SPLIT_SEED_DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "Cannot split records by '" + value + "': " + e.getMessage()
                    + "; write e.g. train:0.8,test:0.1,validation:0.1");
        }
    }
}
