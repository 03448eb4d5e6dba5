package io.fsconnect.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.storage.NoSuchObjectException;
import io.fsconnect.storage.ObjectExistsException;
import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest {

    @TempDir
    Path root;

    private LocalObjectStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalObjectStore(root);
    }

    @Test
    void objectIsInvisibleUntilTheUploadCloses() throws IOException {
        ObjectUpload upload = store.create("topics/t/partition=0/t+0+1.parquet");
        upload.write(bytes("hello"));
        upload.flush();

        assertThat(keys("")).isEmpty();
        assertThatThrownBy(() -> store.open("topics/t/partition=0/t+0+1.parquet"))
                .isInstanceOf(NoSuchObjectException.class);
        // What a reader globbing for *.parquet in the directory would see: nothing.
        Path directory = root.resolve("topics/t/partition=0");
        assertThat(filesIn(directory)).singleElement().satisfies(name -> {
            assertThat(name).startsWith(".");
            assertThat(name).doesNotEndWith(".parquet");
        });

        upload.close();

        assertThat(read("topics/t/partition=0/t+0+1.parquet")).isEqualTo("hello");
        assertThat(filesIn(directory)).containsExactly("t+0+1.parquet");
        assertThat(store.list("")).extracting(ObjectInfo::key, ObjectInfo::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("topics/t/partition=0/t+0+1.parquet", 5L));
    }

    @Test
    void abortedUploadLeavesNothingBehind() throws IOException {
        ObjectUpload upload = store.create("a/b.parquet");
        upload.write(bytes("partial"));
        upload.abort();
        upload.close();

        assertThat(keys("")).isEmpty();
        assertThat(filesIn(root.resolve("a"))).isEmpty();
        assertThatThrownBy(() -> upload.write(1)).isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot write to object a/b.parquet");
    }

    @Test
    void abortKeepsThePreviousObject() throws IOException {
        put("a/b.parquet", "first");
        ObjectUpload upload = store.create("a/b.parquet");
        upload.write(bytes("second"));
        upload.abort();

        assertThat(read("a/b.parquet")).isEqualTo("first");
    }

    @Test
    void createReplacesAnExistingObjectWhenClosed() throws IOException {
        put("a/b.parquet", "first");
        put("a/b.parquet", "second");

        assertThat(read("a/b.parquet")).isEqualTo("second");
        assertThat(keys("")).containsExactly("a/b.parquet");
    }

    @Test
    void createIfAbsentRefusesATakenKeyAndKeepsTheWinner() throws IOException {
        ObjectUpload first = store.createIfAbsent("k/x");
        ObjectUpload second = store.createIfAbsent("k/x");
        first.write(bytes("winner"));
        second.write(bytes("loser"));
        first.close();

        assertThatThrownBy(second::close).isInstanceOf(ObjectExistsException.class)
                .hasMessage("Cannot create object k/x: it already exists");
        assertThat(read("k/x")).isEqualTo("winner");
        assertThat(filesIn(root.resolve("k"))).containsExactly("x");
    }

    @Test
    void listReturnsKeysWithThePrefixInLexicographicOrder() throws IOException {
        for (String key : List.of("b", "a/b", "ab", "a-c", "a/a/x", "a/c", "z/y/x")) {
            put(key, key);
        }
        store.create("a/in-progress").write(1);

        assertThat(keys("")).containsExactly("a-c", "a/a/x", "a/b", "a/c", "ab", "b", "z/y/x");
        assertThat(keys("a/")).containsExactly("a/a/x", "a/b", "a/c");
        assertThat(keys("a")).containsExactly("a-c", "a/a/x", "a/b", "a/c", "ab");
        assertThat(keys("a/a")).containsExactly("a/a/x");
        assertThat(keys("missing/")).isEmpty();
    }

    @Test
    void deleteRemovesTheObjectAndToleratesAMissingOne() throws IOException {
        put("a/b", "x");
        store.delete("a/b");
        store.delete("a/b");

        assertThat(keys("")).isEmpty();
        assertThatThrownBy(() -> store.open("a/b")).isInstanceOf(NoSuchObjectException.class)
                .hasMessageContaining("Cannot open object a/b");
    }

    @Test
    void keysThatEscapeTheRootAreRejected() {
        for (String key : List.of("../outside", "a/../../outside", "a/..")) {
            assertThatThrownBy(() -> store.create(key)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Cannot use object key '" + key + "'")
                    .hasMessageContaining("'..' would escape the store root");
        }
        assertThatThrownBy(() -> store.open("/etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not start with '/'");
        assertThatThrownBy(() -> store.delete("a//b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(root.getParent().resolve("outside")).doesNotExist();
    }

    private void put(String key, String content) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            upload.write(bytes(content));
        }
    }

    private String read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> keys(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        store.list(prefix).forEach(info -> keys.add(info.key()));
        return keys;
    }

    private static List<String> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
