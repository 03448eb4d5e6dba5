package io.fsconnect.bench;

import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
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
     * Holds once every key of {@code expected} is listed by {@code store} under {@code prefix}. A store lists an
     * object only once it is complete (an upload becomes visible when it succeeds), so this is "every expected
     * file written".
     */
    static BooleanSupplier objectsListed(ObjectStore store, String prefix, Set<String> expected) {
        return () -> {
            Set<String> missing = new HashSet<>(expected);
            try {
                for (ObjectInfo object : store.list(prefix)) {
                    missing.remove(object.key());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + prefix + " in " + store + ": " + e.getMessage(), e);
            }
            return missing.isEmpty();
        };
    }
}
