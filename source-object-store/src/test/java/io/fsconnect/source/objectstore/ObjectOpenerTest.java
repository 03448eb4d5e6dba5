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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectOpenerTest {

    @TempDir
    Path root;

    @Test
    void parquetFromAStoreWithoutLocalFilesIsReadFromATemporaryCopyThatIsRemovedOnClose() throws IOException {
        LocalObjectStore local = new LocalObjectStore(root.resolve("store"));
        SourceFiles.parquet(local, "p/part-0.parquet", 0, 100);
        ObjectStore remote = new StreamOnlyStore(local);
        long copiesBefore = temporaryCopies();
        try (RecordReader reader = new ObjectOpener(remote, new ParquetRecordReaderFormat()).open("p/part-0.parquet")) {
            reader.skipTo(42);
            assertThat(((Struct) reader.next().orElseThrow().value()).getInt64("id")).isEqualTo(42L);
        }
        assertThat(temporaryCopies()).as("temporary copies left in java.io.tmpdir").isEqualTo(copiesBefore);
    }

    private static long temporaryCopies() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("fsconnect-source-")).count();
        }
    }

    /** A store that, like the cloud stores, offers its objects only as streams. */
    private record StreamOnlyStore(ObjectStore delegate) implements ObjectStore {

        @Override
        public ObjectUpload create(String key) throws IOException {
            return delegate.create(key);
        }

        @Override
        public InputStream open(String key) throws IOException {
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
