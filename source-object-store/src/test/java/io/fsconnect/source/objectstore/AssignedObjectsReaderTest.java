package io.fsconnect.source.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fsconnect.storage.ObjectInfo;
import io.fsconnect.storage.local.LocalObjectStore;
import io.fsconnect.storage.format.RecordReaderFormat;
import io.fsconnect.storage.format.parquet.ParquetRecordReaderFormat;
import io.fsconnect.storage.format.text.CsvRecordReaderFormat;
import io.fsconnect.storage.format.text.JsonLinesRecordReaderFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignedObjectsReaderTest {

    private static final String STORE = "local:test";

    @TempDir
    Path root;
    private LocalObjectStore store;
    private final List<SourceObject> alreadyFinished = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        store = new LocalObjectStore(root);
    }

    private SourceObject object(String key) throws IOException {
        for (ObjectInfo info : store.list(key)) {
            return new SourceObject(info.key(), info.size(), info.lastModified().toEpochMilli());
        }
        throw new AssertionError("no object " + key);
    }

    private AssignedObjectsReader reader(List<SourceObject> objects, Map<String, ObjectOffset> offsets,
            BadRecordPolicy policy) {
        return reader(objects, offsets, policy, new CsvRecordReaderFormat(',', '"', true, Optional.of(
                DeclaredColumns.parse("id:int64,name:string,at:timestamp"))));
    }

    private AssignedObjectsReader reader(List<SourceObject> objects, Map<String, ObjectOffset> offsets,
            BadRecordPolicy policy, RecordReaderFormat format) {
        return new AssignedObjectsReader(objects, offsets, new ObjectOpener(store, format),
                new SourceRecordBuilder(STORE, TopicTemplate.fixed("t"), List.of("id"), Optional.of("at")), policy, alreadyFinished::add);
    }

    private static List<SourceRecord> drain(AssignedObjectsReader reader, int batch) throws IOException {
        List<SourceRecord> all = new ArrayList<>();
        for (List<SourceRecord> records = reader.readBatch(batch); !records.isEmpty(); records = reader.readBatch(batch)) {
            all.addAll(records);
        }
        return all;
    }

    private static long id(SourceRecord record) {
        return ((Struct) record.value()).getInt64("id");
    }

    @Test
    void eachRecordCarriesWhereToResumeAndTheLastOneFinishesTheObject() throws IOException {
        SourceFiles.text(store, "a.csv", SourceFiles.csv(0, 5));
        SourceObject a = object("a.csv");
        List<SourceRecord> records = drain(reader(List.of(a), Map.of(), BadRecordPolicy.FAIL), 2);
        assertThat(records).extracting(AssignedObjectsReaderTest::id).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(records).extracting(r -> (Object) r.sourceOffset().get("record")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(records).extracting(r -> (Object) r.sourceOffset().get("done")).containsExactly(false, false, false, false, true);
        assertThat(records.get(0).sourcePartition()).isEqualTo(Map.of("store", STORE, "object", "a.csv"));
        assertThat(records.get(3).timestamp()).isEqualTo(SourceFiles.BASE_TIME + 3);
        assertThat(((Struct) records.get(3).key()).getInt64("id")).isEqualTo(3L);
    }

    @Test
    void resumesAtTheCommittedRecordAndPassesOverFinishedObjects() throws IOException {
        SourceFiles.text(store, "a.csv", SourceFiles.csv(0, 5));
        SourceFiles.text(store, "b.csv", SourceFiles.csv(5, 10));
        SourceObject a = object("a.csv");
        SourceObject b = object("b.csv");
        Map<String, ObjectOffset> offsets = Map.of("a.csv", ObjectOffset.of(a, 5, true), "b.csv", ObjectOffset.of(b, 3, false));
        List<SourceRecord> records = drain(reader(List.of(a, b), offsets, BadRecordPolicy.FAIL), 100);
        assertThat(records).extracting(AssignedObjectsReaderTest::id).containsExactly(8L, 9L);
        assertThat(alreadyFinished).containsExactly(a);
    }

    @Test
    void objectsHoldingNoRecordCountAsReadToTheirEndAtOnce() throws IOException {
        SourceFiles.text(store, "header-only.csv", "id,name,at\n");
        SourceFiles.text(store, "empty.jsonl", "");
        SourceFiles.parquet(store, "zero-rows.parquet", 0, 0);
        Map<String, RecordReaderFormat> formats = Map.of(
                "header-only.csv", new CsvRecordReaderFormat(',', '"', true, Optional.empty()),
                "empty.jsonl", new JsonLinesRecordReaderFormat(Optional.empty()),
                "zero-rows.parquet", new ParquetRecordReaderFormat());
        for (Map.Entry<String, RecordReaderFormat> empty : formats.entrySet()) {
            alreadyFinished.clear();
            AssignedObjectsReader reader = reader(List.of(object(empty.getKey())), Map.of(), BadRecordPolicy.FAIL,
                    empty.getValue());
            assertThat(reader.readBatch(100)).as(empty.getKey()).isEmpty();
            assertThat(reader.exhausted()).isTrue();
            assertThat(alreadyFinished).as(empty.getKey()).extracting(SourceObject::key)
                    .containsExactly(empty.getKey());
        }
    }

    @Test
    void anObjectWhoseRemainingRecordsAreAllSkippedIsFinishedButACorruptOneIsNot() throws IOException {
        SourceFiles.text(store, "bad-rows.csv", "id,name,at\n0,a,1\nx,b,2\ny,c,3\n");
        SourceObject badRows = object("bad-rows.csv");
        SourceFiles.text(store, "corrupt.parquet", "not a parquet file");
        List<SourceRecord> records = drain(reader(List.of(badRows), Map.of("bad-rows.csv",
                ObjectOffset.of(badRows, 1, false)), BadRecordPolicy.SKIP), 10);
        assertThat(records).isEmpty();
        assertThat(alreadyFinished).containsExactly(badRows);

        alreadyFinished.clear();
        drain(reader(List.of(object("corrupt.parquet")), Map.of(), BadRecordPolicy.SKIP,
                new ParquetRecordReaderFormat()), 10);
        assertThat(alreadyFinished).as("a file that cannot be read stays pending").isEmpty();
    }

    @Test
    void aRewrittenObjectIsReadAgainFromItsStart() throws IOException {
        SourceFiles.text(store, "a.csv", SourceFiles.csv(0, 3));
        SourceObject a = object("a.csv");
        ObjectOffset ofOlderVersion = new ObjectOffset(a.size() + 1, a.lastModifiedMillis(), 2, true);
        List<SourceRecord> records = drain(reader(List.of(a), Map.of("a.csv", ofOlderVersion), BadRecordPolicy.FAIL), 10);
        assertThat(records).extracting(AssignedObjectsReaderTest::id).containsExactly(0L, 1L, 2L);
    }

    @Test
    void skippedBadRecordsAreLeftOutAndTheOffsetMovesPastThem() throws IOException {
        // Record 1 does not parse; record 2 has no event time, which only shows when it is built.
        SourceFiles.text(store, "a.csv", "id,name,at\n0,a,1\nx,b,2\n2,,\n3,d,4\n");
        List<SourceRecord> records = drain(reader(List.of(object("a.csv")), Map.of(), BadRecordPolicy.SKIP), 10);
        assertThat(records).extracting(AssignedObjectsReaderTest::id).containsExactly(0L, 3L);
        assertThat(records).extracting(r -> (Object) r.sourceOffset().get("record")).containsExactly(2L, 4L);
    }

    @Test
    void aBadRecordFailsNamingTheObjectAndPosition() throws IOException {
        SourceFiles.text(store, "dir/a.csv", "id,name,at\n0,a,1\n1,b\n");
        AssignedObjectsReader reader = reader(List.of(object("dir/a.csv")), Map.of(), BadRecordPolicy.FAIL);
        assertThatThrownBy(() -> drain(reader, 10)).isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Cannot read object dir/a.csv at record 1: row has 2 field(s)");
    }

    @Test
    void anObjectDeletedBeforeItsTurnIsPassedOver() throws IOException {
        SourceFiles.text(store, "a.csv", SourceFiles.csv(0, 2));
        SourceFiles.text(store, "b.csv", SourceFiles.csv(2, 4));
        SourceObject a = object("a.csv");
        SourceObject b = object("b.csv");
        store.delete("a.csv");
        assertThat(drain(reader(List.of(a, b), Map.of(), BadRecordPolicy.FAIL), 10))
                .extracting(AssignedObjectsReaderTest::id).containsExactly(2L, 3L);
    }
}
