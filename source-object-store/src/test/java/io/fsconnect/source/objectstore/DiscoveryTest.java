package io.fsconnect.source.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.storage.format.text.CsvRecordReaderFormat;
import io.fsconnect.storage.local.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

    @TempDir
    Path root;

    @Test
    void globsMatchWithinAndAcrossSegmentsAfterThePrefix() {
        KeyFilter filter = KeyFilter.of("lake/", Optional.of("**/*.{csv,tsv}"), Optional.empty());
        assertThat(filter.matches("lake/a.csv")).isTrue();
        assertThat(filter.matches("lake/x/y/b.tsv")).isTrue();
        assertThat(filter.matches("lake/x/b.json")).isFalse();
        assertThat(filter.matches("other/a.csv")).isFalse();
        KeyFilter flat = KeyFilter.of("", Optional.of("*.csv"), Optional.empty());
        assertThat(flat.matches("a.csv")).isTrue();
        assertThat(flat.matches("x/a.csv")).isFalse();
        assertThat(flat.excluding("done/").matches("done/a.csv")).isFalse();
        assertThatThrownBy(() -> KeyFilter.of("", Optional.of("{a,b"), Optional.empty()))
                .hasMessageContaining("never closed");
    }

    @Test
    void everyObjectGoesToExactlyOneTaskByTheHashOfItsKey() {
        List<SourceObject> objects = IntStream.range(0, 500)
                .mapToObj(i -> new SourceObject("k/" + i + ",x:y%z.csv", i, 1000 - i)).toList();
        TaskAssignment assignment = TaskAssignment.of(objects, 3);
        List<SourceObject> decoded = new ArrayList<>();
        for (int task = 0; task < 3; task++) {
            List<SourceObject> mine = TaskAssignment.objectsOf(assignment.taskConfig(task));
            int slot = task;
            assertThat(mine).allSatisfy(o -> assertThat(TaskAssignment.slotOf(o.key(), 3)).isEqualTo(slot));
            assertThat(mine).as("oldest first").isSortedAccordingTo(
                    java.util.Comparator.comparingLong(SourceObject::lastModifiedMillis));
            decoded.addAll(mine);
        }
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(objects);
        assertThat(TaskAssignment.of(objects, 3)).as("deterministic").isEqualTo(assignment);
    }

    @Test
    void aHugeBacklogIsHandedOutInRoundsThatFitTheConfigTopic() {
        List<SourceObject> objects = IntStream.range(0, 100_000)
                .mapToObj(i -> new SourceObject("year=2024/month=05/day=01/part-" + i + ".parquet", 1, i)).toList();
        TaskAssignment assignment = TaskAssignment.of(objects, 2);
        for (int task = 0; task < 2; task++) {
            assertThat(assignment.taskConfig(task).get(TaskAssignment.TASK_OBJECTS).length())
                    .isLessThanOrEqualTo(TaskAssignment.MAX_CHARS_PER_TASK);
        }
        assertThat(assignment.objects()).isNotEmpty().hasSizeLessThan(objects.size());
    }

    @Test
    void theListingRepublishesOnlyWhenObjectsOutsideTheAssignmentAppear() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
        AtomicInteger reconfigurations = new AtomicInteger();
        SourceFiles.text(store, "m.csv", "id\n1\n");
        ListingMonitor monitor = monitor(store, offsets, reconfigurations);
        try {
            monitor.start(Duration.ofSeconds(60));
            assertThat(monitor.assignment(2).objects()).as("the first task configs carry the first listing")
                    .extracting(SourceObject::key).containsExactly("m.csv");
            assertThat(reconfigurations).hasValue(0);
            monitor.cycle();
            assertThat(reconfigurations).as("nothing new").hasValue(0);
            SourceObject m = monitor.assignment(2).objects().iterator().next();
            offsets.put(m.partition("local:test"), ObjectOffset.of(m, 1, true).toMap());
            monitor.cycle();
            assertThat(reconfigurations).as("a finished object restarts nothing").hasValue(0);
            SourceFiles.text(store, "a.csv", "id\n2\n");
            monitor.cycle();
            assertThat(reconfigurations).as("a key sorting before one already read").hasValue(1);
            assertThat(monitor.assignment(2).objects()).extracting(SourceObject::key).containsExactly("a.csv");
        } finally {
            monitor.close();
        }
    }

    @Test
    void aStoredOffsetThatDoesNotParseSaysHowToFixIt() {
        assertThat(OffsetLoader.parse("a.csv", null)).isEmpty();
        assertThat(OffsetLoader.parse("a.csv", Map.of("size", 1L, "mtime", 2L, "record", 3L, "done", false)))
                .contains(new ObjectOffset(1, 2, 3, false));
        assertThatThrownBy(() -> OffsetLoader.parse("a.csv", Map.of("size", 1L, "mtime", 2L, "record", "x",
                "done", false))).isInstanceOf(ConnectException.class).hasMessageContaining("object a.csv")
                .hasMessageContaining("'record'").hasMessageContaining("/offsets");
    }

    @Test
    void anObjectHoldingNoRecordStopsBeingPendingOnceATaskHadItsTurn() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        SourceFiles.text(store, "header-only.csv", "id,name,at\n");
        SourceFiles.text(store, "unread.csv", "id,name,at\n1,a,2\n");
        ListingMonitor monitor = monitor(store, new HashMap<>(), new AtomicInteger());
        try {
            monitor.start(Duration.ofSeconds(60));
            assertThat(monitor.assignment(2).objects()).as("at first both are handed to tasks")
                    .extracting(SourceObject::key).containsExactlyInAnyOrder("header-only.csv", "unread.csv");
            monitor.cycle();
            // A new task count makes the monitor publish what is pending now.
            assertThat(monitor.assignment(1).objects()).as("still without an offset one listing later")
                    .extracting(SourceObject::key).containsExactly("unread.csv");
            monitor.cycle();
            assertThat(monitor.assignment(2).objects()).extracting(SourceObject::key).containsExactly("unread.csv");
        } finally {
            monitor.close();
        }
    }

    private ListingMonitor monitor(LocalObjectStore store, Map<Map<String, Object>, Map<String, Object>> offsets,
            AtomicInteger reconfigurations) {
        // An hour between listings: after the first, only the test's own cycle() calls list.
        return new ListingMonitor(store, "local:test", KeyFilter.of("", Optional.empty(), Optional.empty()), false,
                new EmptyObjectProbe(new ObjectOpener(store, new CsvRecordReaderFormat(',', '"', true,
                        Optional.empty()))), Duration.ofHours(1), reader(offsets), 2,
                reconfigurations::incrementAndGet, e -> {
                    throw new AssertionError(e);
                });
    }

    private static OffsetStorageReader reader(Map<Map<String, Object>, Map<String, Object>> offsets) {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return offsets.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(java.util.Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
                for (Map<String, T> partition : partitions) {
                    Map<String, Object> offset = offsets.get(partition);
                    if (offset != null) {
                        found.put(partition, offset);
                    }
                }
                return found;
            }
        };
    }
}
