package io.fsconnect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectStores;
import io.fsconnect.testkit.AzuriteServer;
import io.fsconnect.testkit.SignedRequests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A task with a thousand open Parquet partitions: what it holds stays within {@code buffer.max.bytes},
 * files are completed early instead of running out of memory, and every record still lands in exactly
 * one visible file up to the committed offset. The estimate the budget runs on is checked against the
 * heap and direct memory the open files really take. Each runs on the local store and on S3 (S3Proxy, in
 * this JVM, with real multipart uploads), where every open file also holds its upload's part buffer; a
 * JSON Lines run on S3 and on Azure Blob (Azurite), whose rows go straight into the part (block) buffers,
 * shows that open multipart uploads stay within the budget too.
 */
class ManyOpenPartitionsMemoryIT {

    private static final int PART_BYTES = 5 * 1024 * 1024;
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static LocalS3Server s3;
    private static AzuriteServer azurite;

    /** Where the task writes. */
    enum Store { LOCAL, S3, AZURE }

    private static final String TOPIC = "features";
    private static final int PARTITIONS = 1000;
    private static final Schema ROW = SchemaBuilder.struct().name("FeatureRow")
            .field("id", Schema.INT64_SCHEMA)
            .field("partition", Schema.INT32_SCHEMA)
            .field("entity", Schema.STRING_SCHEMA)
            .field("category", Schema.STRING_SCHEMA)
            .field("score", Schema.FLOAT64_SCHEMA)
            .field("amount", Schema.FLOAT64_SCHEMA)
            .field("active", Schema.BOOLEAN_SCHEMA)
            .field("event_time", Schema.INT64_SCHEMA)
            .field("count", Schema.INT32_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    @TempDir
    Path root;

    private ObjectStoreSinkTask task;
    private Map<String, String> remoteSource;

    @BeforeAll
    static void startServers() throws Exception {
        azurite = AzuriteServer.start();
        s3 = LocalS3Server.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Store.class, names = {"LOCAL", "S3"})
    void aThousandOpenPartitionsStayWithinTheBudgetAndEveryRecordIsWrittenOnce(Store store) throws Exception {
        // Enough for the thousand files' fixed buffers (a 64 KiB upload buffer, three Parquet pages and
        // the writers of ten columns each), with room for some rows per partition before the budget presses.
        long budget = 256L * 1024 * 1024;
        task = start(store, budget, "parquet");
        int perPartition = 400;

        for (int round = 0; round < perPartition; round += 10) {
            task.put(interleaved(round, 10));
        }
        Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(consumedAll(perPartition));
        downloadIfRemote(store);

        BufferBudget tracked = task.bufferBudget();
        assertThat(tracked.peakBytes()).isLessThanOrEqualTo(budget).isGreaterThan(budget / 2);
        List<String> files = visibleFiles();
        // Memory pressure, not flush.size, completed these files, and made their offsets committable.
        assertThat(files).isNotEmpty();
        assertThat(committed).isNotEmpty();
        assertEveryCommittedRecordOnceAndNothingBeyond(files, committed);
    }

    @ParameterizedTest
    @EnumSource(value = Store.class, names = {"LOCAL", "S3"})
    void theEstimatedMemoryCoversWhatTheOpenFilesReallyHold(Store store) throws Exception {
        long budget = 1024L * 1024 * 1024;
        long before = usedHeapAndDirectAfterGc();
        task = start(store, budget, "parquet");

        task.put(interleaved(0, 40));
        long measured = usedHeapAndDirectAfterGc() - before;
        downloadIfRemote(store);

        BufferBudget tracked = task.bufferBudget();
        assertThat(visibleFiles()).as("no file completed under a budget this large").isEmpty();
        assertThat(tracked.heldBytes()).isLessThan(budget);
        assertThat(measured).as("heap and direct memory taken by %d open files, estimated at %d bytes", PARTITIONS,
                tracked.heldBytes()).isLessThanOrEqualTo(tracked.heldBytes());
    }

    @ParameterizedTest
    @EnumSource(value = Store.class, names = {"S3", "AZURE"})
    void openMultipartUploadsStayWithinTheBudgetAndEveryRecordIsWrittenOnce(Store store) throws Exception {
        // Two hundred open JSON Lines files write their rows straight into their uploads' part buffers, each of
        // which may grow to a 5 MiB part (or block): together far more than the budget. One hot partition gets most of the
        // rows, so its file becomes a multipart upload (parts sent while it stays open) before pressure completes it.
        int partitions = 200;
        long budget = 64L * 1024 * 1024;
        task = start(store, budget, "json");
        int perPartition = 600;
        int hotRowsPerRound = 2000;

        for (int round = 0; round < perPartition; round += 10) {
            List<SinkRecord> batch = new ArrayList<>(interleaved(round, 10, partitions));
            for (long offset = hotOffset(round); offset < hotOffset(round + 10); offset++) {
                batch.add(new SinkRecord(TOPIC, partitions, null, null, ROW, row(partitions, offset), offset));
            }
            task.put(batch);
        }
        Map<TopicPartition, OffsetAndMetadata> consumed = consumedAll(perPartition, partitions);
        consumed.put(new TopicPartition(TOPIC, partitions), new OffsetAndMetadata(hotOffset(perPartition)));
        Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(consumed);
        downloadIfRemote(store);

        BufferBudget tracked = task.bufferBudget();
        assertThat(tracked.peakBytes()).isLessThanOrEqualTo(budget).isGreaterThan(budget / 2);
        List<String> files = visibleFiles();
        assertThat(files).isNotEmpty();
        long largest = files.stream().mapToLong(file -> size(root.resolve(file))).max().orElseThrow();
        assertThat(largest).as("the hot partition's largest object took more than one part").isGreaterThan(PART_BYTES);
        Map<Integer, Set<Long>> offsets = new HashMap<>();
        for (String file : files) {
            Matcher ids = Pattern.compile("\"id\":(\\d+),\"partition\":(\\d+)")
                    .matcher(Files.readString(root.resolve(file), StandardCharsets.UTF_8));
            while (ids.find()) {
                int partition = Integer.parseInt(ids.group(2));
                long offset = Long.parseLong(ids.group(1)) - partition * 1_000_000L;
                assertThat(offsets.computeIfAbsent(partition, p -> new HashSet<>()).add(offset))
                        .as("record %d of partition %d written once", offset, partition).isTrue();
            }
        }
        for (int partition = 0; partition <= partitions; partition++) {
            long next = committed.getOrDefault(new TopicPartition(TOPIC, partition), new OffsetAndMetadata(0)).offset();
            assertThat(offsets.getOrDefault(partition, Set.of())).as("visible records of partition %d", partition)
                    .hasSize((int) next).allMatch(offset -> offset < next);
        }
    }

    private static long hotOffset(int round) {
        return (long) round * 200;
    }

    private ObjectStoreSinkTask start(Store store, long budgetBytes, String format) throws Exception {
        Map<String, String> props = new HashMap<>();
        if (store == Store.LOCAL) {
            props.put("datasource.type", "local");
            props.put("datasource.name", "training");
            props.put("datasource.path", root.toString());
        } else if (store == Store.S3) {
            String bucket = "memory-" + BUCKETS.incrementAndGet();
            s3.createBucket(bucket);
            remoteSource = s3.source(bucket);
            props.put("s3.part.size.bytes", Integer.toString(PART_BYTES));
        } else {
            String container = "memory-" + BUCKETS.incrementAndGet();
            SignedRequests.createAzureContainer(azurite.blobEndpoint(), azurite.accountName(), azurite.accountKey(),
                    container);
            remoteSource = new HashMap<>(Map.of("type", "adls", "name", "training", "account.name",
                    azurite.accountName(), "container", container, "endpoint", azurite.blobEndpoint().toString(),
                    "account.key", azurite.accountKey()));
            props.put("azure.block.size.bytes", Integer.toString(PART_BYTES));
        }
        if (remoteSource != null) {
            remoteSource.forEach((key, value) -> props.put("datasource." + key, value));
        }
        props.put("format", format);
        props.put("flush.size", "1000000");
        props.put("buffer.max.bytes", Long.toString(budgetBytes));
        ObjectStoreSinkTask started = new ObjectStoreSinkTask();
        started.initialize(new FakeSinkTaskContext(props, false));
        started.start(props);
        return started;
    }

    /** Records {@code from} until {@code from + count} of every partition, one partition after another per offset. */
    private static List<SinkRecord> interleaved(long from, int count) {
        return interleaved(from, count, PARTITIONS);
    }

    private static List<SinkRecord> interleaved(long from, int count, int partitions) {
        List<SinkRecord> records = new ArrayList<>(partitions * count);
        for (long offset = from; offset < from + count; offset++) {
            for (int partition = 0; partition < partitions; partition++) {
                records.add(new SinkRecord(TOPIC, partition, null, null, ROW, row(partition, offset), offset));
            }
        }
        return records;
    }

    private static Struct row(int partition, long offset) {
        long id = partition * 1_000_000L + offset;
        return new Struct(ROW).put("id", id).put("partition", partition)
                .put("entity", "entity-" + Long.toHexString(id * 0x9E3779B97F4A7C15L))
                .put("category", "category-" + (id % 17))
                .put("score", (id % 1000) / 7.0)
                .put("amount", id * 1.25)
                .put("active", id % 3 == 0)
                .put("event_time", 1_700_000_000_000L + id * 37)
                .put("count", (int) (id % 100_000))
                .put("note", id % 5 == 0 ? null : Long.toHexString(id * 0x9E3779B97F4A7C15L).repeat(2)
                        + Long.toHexString(id * 0xC2B2AE3D27D4EB4FL).repeat(2));
    }

    private static Map<TopicPartition, OffsetAndMetadata> consumedAll(long nextOffset) {
        return consumedAll(nextOffset, PARTITIONS);
    }

    private static Map<TopicPartition, OffsetAndMetadata> consumedAll(long nextOffset, int partitions) {
        Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            consumed.put(new TopicPartition(TOPIC, partition), new OffsetAndMetadata(nextOffset));
        }
        return consumed;
    }

    private void assertEveryCommittedRecordOnceAndNothingBeyond(List<String> files,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<Integer, Set<Long>> offsetsByPartition = new HashMap<>();
        for (String file : files) {
            for (GenericRecord row : ParquetRows.read(root.resolve(file))) {
                int partition = (Integer) row.get("partition");
                long offset = (Long) row.get("id") - partition * 1_000_000L;
                assertThat(offsetsByPartition.computeIfAbsent(partition, p -> new HashSet<>()).add(offset))
                        .as("record %d of partition %d written once", offset, partition).isTrue();
            }
        }
        for (int partition = 0; partition < PARTITIONS; partition++) {
            long next = committed.getOrDefault(new TopicPartition(TOPIC, partition), new OffsetAndMetadata(0)).offset();
            Set<Long> expected = new HashSet<>();
            for (long offset = 0; offset < next; offset++) {
                expected.add(offset);
            }
            assertThat(offsetsByPartition.getOrDefault(partition, Set.of()))
                    .as("visible records of partition %d are exactly those before its committed offset %d", partition,
                            next)
                    .isEqualTo(expected);
        }
    }

    /** Copies every object of the bucket or container to {@link #root}, to read the files as on the local store. */
    private void downloadIfRemote(Store store) throws IOException {
        if (store == Store.LOCAL) {
            return;
        }
        try (ObjectStore bucket = ObjectStores.open(DataSourceParser.validateDefinition(remoteSource).orElseThrow(),
                ObjectStores.Tuning.DEFAULTS)) {
            for (ObjectInfo object : bucket.list("")) {
                Path file = root.resolve(object.key());
                Files.createDirectories(file.getParent());
                try (InputStream in = bucket.open(object.key())) {
                    Files.copy(in, file);
                }
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> visibleFiles() {
        return ParquetRows.files(root).stream().filter(name -> !name.contains("/.")).toList();
    }

    private static long usedHeapAndDirectAfterGc() {
        System.gc();
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                used += pool.getMemoryUsed();
            }
        }
        return used;
    }
}
