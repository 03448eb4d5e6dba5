package io.fsconnect.source.objectstore;

import io.fsconnect.storage.ObjectStore;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.format.AvroRecordMapping;
import io.fsconnect.storage.format.DecimalEncoding;
import io.fsconnect.storage.format.RecordWriter;
import io.fsconnect.storage.format.parquet.ParquetCodec;
import io.fsconnect.storage.format.parquet.ParquetFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/** Writes test files of rows {@code id, name, at} (at = BASE_TIME + id ms) in every input format. */
final class SourceFiles {

    static final long BASE_TIME = 1_700_000_000_000L;

    static final Schema ROW = SchemaBuilder.struct().name("com.example.Row")
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("at", Timestamp.SCHEMA)
            .build();

    private SourceFiles() {
    }

    static Struct row(long id) {
        return new Struct(ROW).put("id", id).put("name", "name-" + id).put("at", new java.util.Date(BASE_TIME + id));
    }

    static String csv(long from, long to) {
        StringBuilder text = new StringBuilder("id,name,at\n");
        for (long id = from; id < to; id++) {
            text.append(id).append(",\"name-").append(id).append("\",").append(BASE_TIME + id).append('\n');
        }
        return text.toString();
    }

    static void text(ObjectStore store, String key, String content) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            upload.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    static void gzippedJsonLines(ObjectStore store, String key, long from, long to) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            GZIPOutputStream gz = new GZIPOutputStream(upload);
            for (long id = from; id < to; id++) {
                gz.write(("{\"id\":" + id + ",\"name\":\"name-" + id + "\",\"at\":" + (BASE_TIME + id) + "}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            gz.finish();
        }
    }

    static void parquet(ObjectStore store, String key, long from, long to) throws IOException {
        try (ObjectUpload upload = store.create(key)) {
            parquet(upload, from, to);
        }
    }

    static void parquet(OutputStream out, long from, long to) throws IOException {
        try (RecordWriter writer = new ParquetFormat(ParquetCodec.SNAPPY).open(out, java.util.Optional.of(ROW))) {
            for (long id = from; id < to; id++) {
                writer.write(row(id));
            }
            writer.commit();
        }
    }

    static void avro(ObjectStore store, String key, long from, long to) throws IOException {
        AvroRecordMapping mapping = AvroRecordMapping.of(ROW, DecimalEncoding.BYTES);
        try (ObjectUpload upload = store.create(key);
                DataFileWriter<GenericRecord> writer = new DataFileWriter<>(
                        new GenericDatumWriter<>(mapping.avroSchema(), new GenericData()))) {
            writer.create(mapping.avroSchema(), upload);
            for (long id = from; id < to; id++) {
                writer.append(mapping.toAvro(row(id)));
            }
            writer.flush();
        }
    }
}
