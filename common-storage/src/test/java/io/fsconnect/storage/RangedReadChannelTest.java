package io.fsconnect.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.storage.local.LocalObjectStore;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangedReadChannelTest {

    private static final String KEY = "lake/orders.parquet";
    private static final int WINDOW = 4096;

    @TempDir
    Path root;

    @Test
    void smallReadsShareOneRequestPerWindow() throws IOException {
        byte[] content = put(10 * WINDOW);
        CountingStore store = new CountingStore(new LocalObjectStore(root));

        ByteBuffer all = ByteBuffer.allocate(content.length);
        try (RangedReadChannel channel = new RangedReadChannel(store, KEY, content.length, WINDOW)) {
            ByteBuffer small = ByteBuffer.allocate(100);
            while (channel.read(small.clear()) > 0) {
                all.put(small.flip());
            }
        }

        assertThat(all.array()).isEqualTo(content);
        assertThat(store.requests).hasValue(10);
    }

    @Test
    void footerLengthAndFooterComeWithOneRequest() throws IOException {
        byte[] content = put(10 * WINDOW);
        CountingStore store = new CountingStore(new LocalObjectStore(root));

        try (RangedReadChannel channel = new RangedReadChannel(store, KEY, content.length, WINDOW)) {
            ByteBuffer length = ByteBuffer.allocate(8);
            channel.position(content.length - 8).read(length);
            ByteBuffer footer = ByteBuffer.allocate(1000);
            channel.position(content.length - 1008).read(footer);

            assertThat(length.array()).isEqualTo(Arrays.copyOfRange(content, content.length - 8, content.length));
            assertThat(footer.array()).isEqualTo(Arrays.copyOfRange(content, content.length - 1008,
                    content.length - 8));
        }
        assertThat(store.requests).hasValue(1);
    }

    @Test
    void largeReadGoesStraightToTheCallersBuffer() throws IOException {
        byte[] content = put(10 * WINDOW);
        CountingStore store = new CountingStore(new LocalObjectStore(root));

        try (RangedReadChannel channel = new RangedReadChannel(store, KEY, content.length, WINDOW)) {
            ByteBuffer chunk = ByteBuffer.allocateDirect(3 * WINDOW);
            assertThat(channel.position(100).read(chunk)).isEqualTo(3 * WINDOW);
            byte[] read = new byte[3 * WINDOW];
            chunk.flip().get(read);
            assertThat(read).isEqualTo(Arrays.copyOfRange(content, 100, 100 + 3 * WINDOW));
        }
        assertThat(store.requests).hasValue(1);
    }

    @Test
    void objectShorterThanWhenOpenedFailsTheRead() throws IOException {
        byte[] content = put(2 * WINDOW);
        try (RangedReadChannel channel = new RangedReadChannel(new LocalObjectStore(root), KEY,
                content.length + 10, WINDOW)) {
            assertThatThrownBy(() -> channel.position(0).read(ByteBuffer.allocate(10 * WINDOW)))
                    .isInstanceOf(EOFException.class)
                    .hasMessageContaining("Cannot read object " + KEY)
                    .hasMessageContaining("replaced while being read");
        }
    }

    private byte[] put(int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        try (LocalObjectStore store = new LocalObjectStore(root); ObjectUpload upload = store.create(KEY)) {
            upload.write(content);
        }
        return content;
    }

    /** A store that counts its ranged requests. */
    private static final class CountingStore implements ObjectStore {

        private final ObjectStore store;
        private final AtomicInteger requests = new AtomicInteger();

        CountingStore(ObjectStore store) {
            this.store = store;
        }

        @Override
        public InputStream openRange(String key, long offset, long length) throws IOException {
            requests.incrementAndGet();
            return store.openRange(key, offset, length);
        }

        @Override
        public ObjectUpload create(String key) throws IOException {
            return store.create(key);
        }

        @Override
        public InputStream open(String key) throws IOException {
            return store.open(key);
        }

        @Override
        public Iterable<ObjectInfo> list(String prefix) throws IOException {
            return store.list(prefix);
        }

        @Override
        public void delete(String key) throws IOException {
            store.delete(key);
        }

        @Override
        public void close() throws IOException {
            store.close();
        }
    }
}
