package io.fsconnect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ObjectStore} adapter promises, specified once and run against each store's
 * real server by a small subclass. A subclass supplies a fresh, empty store for every test and declares
 * what its store can do: whether it implements {@link SupportsCreateIfAbsent}, the listing page size it
 * configured (so that listings are forced to page), and how large a "large" object is (so that streaming
 * uploads cross at least one part or block boundary). Tests that need an ability the store lacks are
 * skipped, never weakened.
 */
public abstract class ObjectStoreContract {

    private static final String KEY = "topics/orders/partition=0/orders+0+0000000000.parquet";

    private ObjectStore store;

    /** A new store with no objects in it; the contract closes it after the test. */
    protected abstract ObjectStore newEmptyStore() throws Exception;

    /** Whether the store implements {@link SupportsCreateIfAbsent} with a real atomic check. */
    protected abstract boolean supportsCreateIfAbsent();

    /**
     * The page size the store was configured to list with, so that a listing of more objects than
     * this must page; empty if the store does not page.
     */
    protected OptionalInt listPageSize() {
        return OptionalInt.empty();
    }

    /** The size of a large object, chosen to cross the store's upload part size at least once. */
    protected int largeObjectBytes() {
        return 6 * 1024 * 1024 + 123;
    }

    @BeforeEach
    final void openStore() throws Exception {
        store = newEmptyStore();
    }

    @AfterEach
    final void closeStore() throws IOException {
        if (store != null) {
            store.close();
        }
    }

    /** The store under test. */
    protected final ObjectStore store() {
        return store;
    }

    @Test
    void createdObjectIsInvisibleUntilTheUploadCloses() throws IOException {
        ObjectUpload upload = store.create(KEY);
        upload.write(bytes("hello"));
        upload.flush();

        assertThat(keys("")).isEmpty();
        assertThatThrownBy(() -> store.open(KEY)).isInstanceOf(NoSuchObjectException.class);

        upload.close();

        assertThat(read(KEY)).isEqualTo(bytes("hello"));
        assertThat(store.list("")).singleElement().satisfies(info -> {
            assertThat(info.key()).isEqualTo(KEY);
            assertThat(info.size()).isEqualTo(5);
        });
    }

    @Test
    void largeObjectIsInvisibleUntilTheUploadCloses() throws IOException {
        byte[] content = randomBytes(largeObjectBytes(), 1);
        ObjectUpload upload = store.create(KEY);
        upload.write(content);

        assertThat(keys("")).isEmpty();

        upload.close();
        assertThat(read(KEY)).isEqualTo(content);
    }

    @Test
    void uploadCountsTheBytesWritten() throws IOException {
        try (ObjectUpload upload = store.create(KEY)) {
            assertThat(upload.key()).isEqualTo(KEY);
            upload.write(7);
            upload.write(bytes("abcdef"), 1, 3);
            assertThat(upload.bytesWritten()).isEqualTo(4);
        }
        assertThat(read(KEY)).isEqualTo(new byte[] {7, 'b', 'c', 'd'});
    }

    @Test
    void abortedUploadLeavesNothingBehind() throws IOException {
        ObjectUpload upload = store.create(KEY);
        upload.write(randomBytes(largeObjectBytes(), 2));
        upload.abort();
        upload.abort();
        upload.close();

        assertThat(keys("")).isEmpty();
        assertThatThrownBy(() -> store.open(KEY)).isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> upload.write(1)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot write to object " + KEY);
    }

    @Test
    void abortedUploadKeepsThePreviousObject() throws IOException {
        put(KEY, bytes("first"));
        ObjectUpload upload = store.create(KEY);
        upload.write(bytes("second"));
        upload.abort();

        assertThat(read(KEY)).isEqualTo(bytes("first"));
    }

    @Test
    void writingAfterCloseFailsAndCloseTwiceDoesNothing() throws IOException {
        ObjectUpload upload = store.create(KEY);
        upload.write(bytes("once"));
        upload.close();
        upload.close();

        assertThatThrownBy(() -> upload.write(bytes("again"))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot write to object " + KEY);
        assertThat(read(KEY)).isEqualTo(bytes("once"));
    }

    @Test
    void createReplacesAnExistingObjectWhenClosed() throws IOException {
        put(KEY, bytes("first version"));
        ObjectUpload upload = store.create(KEY);
        upload.write(bytes("second"));

        assertThat(read(KEY)).isEqualTo(bytes("first version"));

        upload.close();
        assertThat(read(KEY)).isEqualTo(bytes("second"));
        assertThat(store.list("")).singleElement().satisfies(info -> assertThat(info.size()).isEqualTo(6));
    }

    @Test
    void emptyObjectReadsBackEmpty() throws IOException {
        put(KEY, new byte[0]);

        assertThat(read(KEY)).isEmpty();
        assertThat(store.list("")).singleElement().satisfies(info -> assertThat(info.size()).isZero());
    }

    @Test
    void largeObjectWrittenInUnevenPiecesReadsBackByteExact() throws IOException {
        byte[] content = randomBytes(largeObjectBytes(), 3);
        try (ObjectUpload upload = store.create(KEY)) {
            // Single bytes and odd-sized chunks, as format writers produce them, across part boundaries.
            int position = 0;
            int chunk = 1;
            while (position < content.length) {
                int length = Math.min(chunk, content.length - position);
                if (length == 1) {
                    upload.write(content[position]);
                } else {
                    upload.write(content, position, length);
                }
                position += length;
                chunk = chunk * 3 + 1;
                if (chunk > 3_000_000) {
                    chunk = 1;
                }
            }
            assertThat(upload.bytesWritten()).isEqualTo(content.length);
        }

        assertThat(read(KEY)).isEqualTo(content);
        assertThat(store.list("")).singleElement()
                .satisfies(info -> assertThat(info.size()).isEqualTo(content.length));
    }

    @Test
    void objectOfExactlyTheLargeSizeBoundaryReadsBack() throws IOException {
        // Part-based stores flush a part when it fills; a full last part must not be lost or duplicated.
        byte[] content = randomBytes(largeObjectBytes() - largeObjectBytes() % 1024, 4);
        put(KEY, content);

        assertThat(read(KEY)).isEqualTo(content);
    }

    @Test
    void keysWithHiveStyleAndUnicodeSegmentsRoundTrip() throws IOException {
        List<String> keys = List.of("dt=2024-01-01 10:00/part+0+1.json", "h=ü/ä ö.csv", "a+b=c/x~y_z.avro");
        for (String key : keys) {
            put(key, bytes(key));
        }

        for (String key : keys) {
            assertThat(read(key)).isEqualTo(bytes(key));
        }
        assertThat(keys("")).containsExactlyElementsOf(keys.stream().sorted().toList());
    }

    @Test
    void openingAMissingObjectNamesIt() {
        assertThatThrownBy(() -> store.open("no/such/object"))
                .isInstanceOfSatisfying(NoSuchObjectException.class,
                        e -> assertThat(e.key()).isEqualTo("no/such/object"))
                .hasMessageStartingWith("Cannot open object no/such/object: ");
    }

    @Test
    void listReturnsKeysWithThePrefixInKeyOrder() throws IOException {
        for (String key : List.of("b", "a/b", "ab", "a-c", "a/a/x", "a/c", "z/y/x")) {
            put(key, bytes(key));
        }
        store.create("a/in-progress").write(1);

        assertThat(keys("")).containsExactly("a-c", "a/a/x", "a/b", "a/c", "ab", "b", "z/y/x");
        assertThat(keys("a/")).containsExactly("a/a/x", "a/b", "a/c");
        assertThat(keys("a/a")).containsExactly("a/a/x");
        assertThat(keys("missing/")).isEmpty();
    }

    @Test
    void listPrefixIsAStringPrefixNotADirectory() throws IOException {
        for (String key : List.of("logs/2024-01/a", "logs/2024-02/b", "logs/2024-10/c", "logs/2025/d")) {
            put(key, bytes(key));
        }

        assertThat(keys("logs/2024-0")).containsExactly("logs/2024-01/a", "logs/2024-02/b");
        assertThat(keys("logs/2024")).containsExactly("logs/2024-01/a", "logs/2024-02/b", "logs/2024-10/c");
        assertThat(keys("lo")).hasSize(4);
    }

    @Test
    void listPagesThroughMoreObjectsThanOnePage() throws IOException {
        int count = 2 * listPageSize().orElse(10) + 3;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = "many/" + String.format("%05d", (i * 7919) % count);
            put(key, bytes(Integer.toString(i)));
            expected.add(key);
        }
        put("many-other", bytes("not in the listing"));

        assertThat(keys("many/")).containsExactlyElementsOf(expected.stream().sorted().toList());
        assertThat(store.list("many/")).allSatisfy(info -> assertThat(info.size()).isPositive());
    }

    @Test
    void listingCanBeIteratedTwice() throws IOException {
        put("x/1", bytes("1"));
        put("x/2", bytes("2"));

        Iterable<ObjectInfo> listing = store.list("x/");
        List<String> first = new ArrayList<>();
        listing.forEach(info -> first.add(info.key()));
        List<String> second = new ArrayList<>();
        listing.forEach(info -> second.add(info.key()));

        assertThat(first).containsExactly("x/1", "x/2").isEqualTo(second);
    }

    @Test
    void deleteRemovesTheObjectAndToleratesAMissingOne() throws IOException {
        put(KEY, bytes("x"));
        put("other", bytes("y"));

        store.delete(KEY);
        store.delete(KEY);
        store.delete("never/written");

        assertThat(keys("")).containsExactly("other");
        assertThatThrownBy(() -> store.open(KEY)).isInstanceOf(NoSuchObjectException.class)
                .hasMessageStartingWith("Cannot open object " + KEY);
    }

    @Test
    void storeDeclaresCreateIfAbsentExactlyWhenItSupportsIt() {
        assertThat(store instanceof SupportsCreateIfAbsent)
                .as("%s implements SupportsCreateIfAbsent", store)
                .isEqualTo(supportsCreateIfAbsent());
    }

    @Test
    void createIfAbsentWritesAFreeKey() throws IOException {
        assumeThat(supportsCreateIfAbsent()).as("store supports create-if-absent").isTrue();
        try (ObjectUpload upload = ((SupportsCreateIfAbsent) store).createIfAbsent(KEY)) {
            upload.write(bytes("only"));
        }

        assertThat(read(KEY)).isEqualTo(bytes("only"));
    }

    @Test
    void createIfAbsentLetsExactlyOneOfTwoRacingWritersWin() throws IOException {
        assumeThat(supportsCreateIfAbsent()).as("store supports create-if-absent").isTrue();
        SupportsCreateIfAbsent conditional = (SupportsCreateIfAbsent) store;
        ObjectUpload first = conditional.createIfAbsent(KEY);
        ObjectUpload second = conditional.createIfAbsent(KEY);
        first.write(bytes("winner"));
        second.write(bytes("loser"));
        first.close();

        assertThatThrownBy(second::close)
                .isInstanceOfSatisfying(ObjectExistsException.class, e -> assertThat(e.key()).isEqualTo(KEY))
                .hasMessageStartingWith("Cannot create object " + KEY + ": ");
        assertThat(read(KEY)).isEqualTo(bytes("winner"));
        assertThat(keys("")).containsExactly(KEY);
    }

    @Test
    void createIfAbsentOfALargeObjectRefusesATakenKey() throws IOException {
        assumeThat(supportsCreateIfAbsent()).as("store supports create-if-absent").isTrue();
        put(KEY, bytes("existing"));
        ObjectUpload upload = ((SupportsCreateIfAbsent) store).createIfAbsent(KEY);
        upload.write(randomBytes(largeObjectBytes(), 5));

        assertThatThrownBy(upload::close).isInstanceOf(ObjectExistsException.class);
        assertThat(read(KEY)).isEqualTo(bytes("existing"));
    }

    @Test
    void statDescribesTheVisibleObject() throws IOException {
        put(KEY, randomBytes(1234, 6));

        ObjectInfo info = store.stat(KEY);

        assertThat(info.key()).isEqualTo(KEY);
        assertThat(info.size()).isEqualTo(1234);
        // HTTP dates (a HEAD's Last-Modified) have whole seconds; listings may carry milliseconds.
        assertThat(info.lastModified().truncatedTo(ChronoUnit.SECONDS))
                .isEqualTo(store.list(KEY).iterator().next().lastModified().truncatedTo(ChronoUnit.SECONDS));
        assertThatThrownBy(() -> store.stat("missing/object.csv")).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void openRangeReadsTheRequestedBytesOnly() throws IOException {
        byte[] content = randomBytes(100_000, 7);
        put(KEY, content);

        assertThat(readRange(KEY, 0, 10)).isEqualTo(Arrays.copyOfRange(content, 0, 10));
        assertThat(readRange(KEY, 54_321, 4_000)).isEqualTo(Arrays.copyOfRange(content, 54_321, 58_321));
        assertThat(readRange(KEY, 99_990, 10)).isEqualTo(Arrays.copyOfRange(content, 99_990, 100_000));
    }

    @Test
    void openRangeStopsAtTheEndOfTheObject() throws IOException {
        byte[] content = randomBytes(5_000, 8);
        put(KEY, content);

        assertThat(readRange(KEY, 4_000, 10_000)).isEqualTo(Arrays.copyOfRange(content, 4_000, 5_000));
        assertThat(readRange(KEY, 5_000, 10)).isEmpty();
        assertThat(readRange(KEY, 9_000, 10)).isEmpty();
        assertThat(readRange(KEY, 100, 0)).isEmpty();
    }

    @Test
    void openRangeOfAMissingObjectFails() {
        assertThatThrownBy(() -> store.openRange("missing/object.csv", 0, 10))
                .isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> store.openRange(KEY, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seekableChannelReadsAnywhereInALargeObject() throws IOException {
        byte[] content = randomBytes(largeObjectBytes(), 9);
        put(KEY, content);

        try (SeekableByteChannel channel = store.openSeekable(KEY)) {
            assertThat(channel.size()).isEqualTo(content.length);
            // The way Parquet reads: the footer length at the end, the footer, then column chunks from the start.
            assertThat(readAt(channel, content.length - 8, 8))
                    .isEqualTo(Arrays.copyOfRange(content, content.length - 8, content.length));
            assertThat(readAt(channel, content.length - 70_000, 69_992))
                    .isEqualTo(Arrays.copyOfRange(content, content.length - 70_000, content.length - 8));
            int chunk = Math.min(3 * 1024 * 1024, content.length - 4);
            assertThat(readAt(channel, 4, chunk)).isEqualTo(Arrays.copyOfRange(content, 4, 4 + chunk));
            assertThat(readAt(channel, 17, 100)).isEqualTo(Arrays.copyOfRange(content, 17, 117));
            ByteBuffer pastEnd = ByteBuffer.allocate(10);
            assertThat(channel.position(content.length).read(pastEnd)).isEqualTo(-1);
        }
    }

    @Test
    void seekableChannelOfAMissingObjectFails() {
        assertThatThrownBy(() -> store.openSeekable("missing/object.parquet"))
                .isInstanceOf(NoSuchObjectException.class);
    }

    /** Reads {@code length} bytes of {@code key} through {@link ObjectStore#openRange}. */
    protected final byte[] readRange(String key, long offset, long length) throws IOException {
        try (InputStream in = store.openRange(key, offset, length)) {
            return in.readAllBytes();
        }
    }

    private static byte[] readAt(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(position);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // Reads may return fewer bytes than asked; keep reading to the end of the range.
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Writes a complete object. */
    protected final void put(String key, byte[] content) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            upload.write(content);
        }
    }

    /** Reads a complete object. */
    protected final byte[] read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    /** The keys a listing of {@code prefix} returns, in the order it returns them. */
    protected final List<String> keys(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        store.list(prefix).forEach(info -> keys.add(info.key()));
        return keys;
    }

    /** UTF-8 bytes of a text. */
    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Reproducible pseudo-random content, so that a mismatch shows as a differing byte, not a coincidence. */
    protected static byte[] randomBytes(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }
}
