package io.fsconnect.source.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.format.RecordReader;
import io.fsconnect.storage.format.parquet.ParquetRecordReaderFormat;
import io.fsconnect.storage.local.LocalObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectOpenerTest {

    @TempDir
    Path root;

    @Test
    void parquetFromACloudStoreIsReadWithAFewRangedRequestsAndNoWholeObjectDownload() throws IOException {
        LocalObjectStore local = new LocalObjectStore(root.resolve("store"));
        SourceFiles.parquet(local, "p/part-0.parquet", 0, 10_000);
        RangeOnlyStore remote = new RangeOnlyStore(local);

        try (RecordReader reader = new ObjectOpener(remote, new ParquetRecordReaderFormat()).open("p/part-0.parquet")) {
            reader.skipTo(4_242);
            assertThat(((Struct) reader.next().orElseThrow().value()).getInt64("id")).isEqualTo(4_242L);
            for (long id = 4_243; id < 10_000; id++) {
                assertThat(((Struct) reader.next().orElseThrow().value()).getInt64("id")).isEqualTo(id);
            }
            assertThat(reader.next()).isEmpty();
        }
        assertThat(remote.wholeObjectReads).hasValue(0);
        assertThat(remote.rangedReads.get()).as("ranged GETs for a small Parquet file").isBetween(1, 3);
    }

    /** A cloud store as the opener sees it: whole-object and ranged reads are counted apart. */
    private static final class RangeOnlyStore implements ObjectStore {

        private final ObjectStore delegate;
        private final AtomicInteger wholeObjectReads = new AtomicInteger();
        private final AtomicInteger rangedReads = new AtomicInteger();

        RangeOnlyStore(ObjectStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public ObjectInfo stat(String key) throws IOException {
            return delegate.stat(key);
        }

        @Override
        public InputStream openRange(String key, long offset, long length) throws IOException {
            rangedReads.incrementAndGet();
            return delegate.openRange(key, offset, length);
        }

        @Override
        public ObjectUpload create(String key) throws IOException {
            return delegate.create(key);
        }

        @Override
        public InputStream open(String key) throws IOException {
            wholeObjectReads.incrementAndGet();
            return delegate.open(key);
        }

        @Override
        public Iterable<ObjectInfo> list(String prefix) throws IOException {
            return delegate.list(prefix);
        }

        @Override
        public void delete(String key) throws IOException {
            delegate.delete(key);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
