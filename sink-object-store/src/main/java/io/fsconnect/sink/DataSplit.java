package io.fsconnect.sink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A deterministic split of records into named parts (such as train, test and validation) by ratio. A record's part
 * depends only on its key and the seed: the key's text form ({@link Values#convertToString}) is hashed with the seed
 * to a number in [0, 1), which falls into one part's share of the cumulative ratios. So every record of one entity
 * lands in the same part, in every run and on every task, and a different seed draws a different split. A record
 * without a key is placed by its topic, Kafka partition and offset instead, which is also stable across replays.
 */
record DataSplit(List<Part> parts, long seed) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final double SUM_TOLERANCE = 1e-6;

    /** One part: the directory it is written to and its share of the records. */
    record Part(String name, double ratio) {
        Part {
            Objects.requireNonNull(name, "name");
        }
    }

    DataSplit {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Cannot split records into no parts");
        }
    }

    /**
     * Reads {@code name:ratio,name:ratio,...}: names of letters, digits, '_' and '-', each once; ratios positive and
     * summing to 1.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    static DataSplit parse(String text, long seed) {
        List<Part> parts = new ArrayList<>();
        double sum = 0;
        for (String entry : text.split(",", -1)) {
            String[] nameAndRatio = entry.strip().split(":", -1);
            if (nameAndRatio.length != 2) {
                throw new IllegalArgumentException("'" + entry.strip() + "' is not name:ratio");
            }
            String name = nameAndRatio[0].strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("part name '" + name + "' must be letters, digits, '_' or '-'");
            }
            if (parts.stream().anyMatch(part -> part.name().equals(name))) {
                throw new IllegalArgumentException("part " + name + " is named twice");
            }
            double ratio;
            try {
                ratio = Double.parseDouble(nameAndRatio[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the ratio of " + name + " is not a number");
            }
            if (!(ratio > 0) || ratio > 1) {
                throw new IllegalArgumentException("the ratio of " + name + " must be above 0 and at most 1");
            }
            parts.add(new Part(name, ratio));
            sum += ratio;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("the ratios add up to " + sum + ", not 1");
        }
        return new DataSplit(parts, seed);
    }

    /** The name of the part {@code record} belongs to. */
    String partOf(SinkRecord record) {
        double point = point(record);
        double upper = 0;
        for (Part part : parts) {
            upper += part.ratio();
            if (point < upper) {
                return part.name();
            }
        }
        // Rounding can leave the cumulative sum a hair under 1.
        return parts.get(parts.size() - 1).name();
    }

    private double point(SinkRecord record) {
        String identity = record.key() != null ? "k:" + Values.convertToString(record.keySchema(), record.key())
                : "o:" + record.originalTopic() + "+" + record.originalKafkaPartition() + "+"
                        + record.originalKafkaOffset();
        long hash = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : identity.getBytes(StandardCharsets.UTF_8)) {
            hash = mix(hash ^ (b & 0xFF));
        }
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finalizer: spreads every input bit over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
