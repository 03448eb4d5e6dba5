package io.fsconnect.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Probes that tell when every record of a run has landed; the same probe serves connector and baseline. */
final class Landed {

    private Landed() {
    }

    /** Holds once the topic's end offsets add up to at least {@code records}. */
    static BooleanSupplier topicHolds(KafkaConsumer<byte[], byte[]> probe, String topic, long records) {
        List<TopicPartition> partitions = probe.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        return () -> probe.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum() >= records;
    }

    /** A consumer used only to read end offsets. */
    static KafkaConsumer<byte[], byte[]> offsetProbe(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Holds once {@code files} complete files with {@code extension} exist under {@code root}; files still
     * being written have hidden temporary names and are not counted.
     */
    static BooleanSupplier filesUnder(Path root, String extension, long files) {
        return () -> {
            if (!Files.isDirectory(root)) {
                return false;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                return paths.filter(path -> {
                    String name = path.getFileName().toString();
                    return name.endsWith(extension) && !name.startsWith(".");
                }).count() >= files;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot count the files under " + root + ": " + e.getMessage(), e);
            }
        };
    }
}
