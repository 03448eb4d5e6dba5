package io.fsconnect.storage.format.parquet;

import io.fsconnect.storage.format.AvroRecordMapping;
import io.fsconnect.storage.format.DecimalEncoding;
import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.RecordWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Parquet files of Connect {@code STRUCT} values, written through parquet-avro on a plain stream (no
 * Hadoop file system). The Connect schema is mapped by {@link AvroRecordMapping}; lists use the standard
 * three-level structure so that nullable elements and other engines (Spark, DuckDB, Trino) read them.
 * The Avro schema is kept in the file's metadata, so readers get logical types back.
 */
public final class ParquetFormat implements RecordFormat {

    private final ParquetCodec codec;
    private final DecimalEncoding decimals;
    private final ParquetBuffering buffering;

    public ParquetFormat(ParquetCodec codec, DecimalEncoding decimals) {
        this(codec, decimals, ParquetBuffering.DEFAULTS);
    }

    /** Parquet with {@code codec}, decimals as {@code decimals}, holding in memory what {@code buffering} allows. */
    public ParquetFormat(ParquetCodec codec, DecimalEncoding decimals, ParquetBuffering buffering) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.decimals = Objects.requireNonNull(decimals, "decimals");
        this.buffering = Objects.requireNonNull(buffering, "buffering");
    }

    /** Parquet with {@code codec}, decimals as bytes. */
    public ParquetFormat(ParquetCodec codec) {
        this(codec, DecimalEncoding.BYTES);
    }

    /** This format with other buffering settings. */
    public ParquetFormat withBuffering(ParquetBuffering settings) {
        return new ParquetFormat(codec, decimals, settings);
    }

    /** What each open file of this format holds in memory. */
    public ParquetBuffering buffering() {
        return buffering;
    }

    @Override
    public String extension() {
        return ".parquet";
    }

    @Override
    public boolean requiresSchema() {
        return true;
    }

    @Override
    public RecordWriter open(OutputStream out, Optional<Schema> valueSchema) throws IOException {
        AvroRecordMapping mapping = AvroRecordMapping.of(valueSchema.orElseThrow(() -> AvroRecordMapping.missingSchema(
                "Parquet")), decimals);
        StreamOutputFile file = new StreamOutputFile(out);
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(file)
                .withConf(conf)
                .withSchema(mapping.avroSchema())
                // Values are already in Avro's raw representation; no logical-type conversions needed.
                .withDataModel(AvroRecordMapping.RAW_DATA_MODEL)
                .withCompressionCodec(codec.parquetName())
                .withPageSize(buffering.pageSizeBytes())
                .withDictionaryPageSize(buffering.dictionaryPageSizeBytes())
                .withRowGroupSize(buffering.rowGroupSizeBytes())
                .build();
        return new ParquetRecordWriter(mapping, file, writer);
    }

    @Override
    public String toString() {
        return "parquet(" + codec.configName() + ", decimals " + decimals.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
