package io.fsconnect.sink;

import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.avro.AvroCodec;
import io.fsconnect.storage.format.avro.AvroFormat;
import io.fsconnect.storage.format.parquet.ParquetCodec;
import io.fsconnect.storage.format.parquet.ParquetFormat;
import io.fsconnect.storage.format.text.CsvFormat;
import io.fsconnect.storage.format.text.JsonLinesFormat;
import io.fsconnect.storage.format.text.TextCompression;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys that choose the file format and its options, what a row holds (the value alone or an
 * envelope) and what happens to null values, and the {@link RecordFormat} they describe.
 */
final class FormatConfig {

    static final String GROUP = "Format";

    static final String FORMAT = "format";
    static final String FORMAT_DOC = "The format of the files written. 'parquet' and 'avro' need values with a"
            + " schema (for example JsonConverter with schemas.enable=true) and write each schema version to its"
            + " own files. 'json' writes JSON Lines (.jsonl), one value per line, and also takes schemaless values:"
            + " decimals are exact JSON numbers in plain notation, timestamps ISO-8601 text in UTC with"
            + " milliseconds (dates yyyy-MM-dd, times HH:mm:ss.SSS), bytes base64. 'csv' and 'tsv' write a header"
            + " row and one row per struct (or schemaless map, the header then being the first map's sorted keys),"
            + " logical types as in json, nested structs, arrays and maps as JSON text in one cell, a null as an"
            + " empty cell and an empty string as \"\".";
    static final String FORMAT_DEFAULT = "parquet";
    static final List<String> FORMATS = List.of("parquet", "avro", "json", "csv", "tsv");

    static final String PARQUET_CODEC = "parquet.codec";
    static final String PARQUET_CODEC_DOC = "The compression codec of Parquet files.";
    static final String PARQUET_CODEC_DEFAULT = ParquetCodec.SNAPPY.configName();

    static final String AVRO_CODEC = "avro.codec";
    static final String AVRO_CODEC_DOC = "The block compression codec of Avro files. Every Avro reader reads null"
            + " and deflate; snappy and zstd need the reader's optional codec libraries.";
    static final String AVRO_CODEC_DEFAULT = AvroCodec.SNAPPY.configName();

    static final String FILE_COMPRESSION_TYPE = "file.compression.type";
    static final String FILE_COMPRESSION_TYPE_DOC = "The compression of json, csv and tsv files as a whole;"
            + " gzip adds .gz to the file name. Parquet and Avro compress inside the file: see parquet.codec and"
            + " avro.codec.";
    static final String FILE_COMPRESSION_TYPE_DEFAULT = TextCompression.NONE.configName();

    static final String FORMAT_ENVELOPE = "format.envelope";
    static final String FORMAT_ENVELOPE_DOC = "Write each record as a row with the fields key, value, headers,"
            + " topic, partition, offset and timestamp instead of the value alone, so that a reader can restore"
            + " the topic exactly. Headers are a list of {key, value} with each value in the text form of"
            + " Connect's Values.convertToString (binary values base64); timestamp is a Timestamp (null when the"
            + " record has none). For parquet and avro the key and value need schemas.";
    static final boolean FORMAT_ENVELOPE_DEFAULT = false;

    static final String BEHAVIOR_ON_NULL_VALUES = "behavior.on.null.values";
    static final String BEHAVIOR_ON_NULL_VALUES_DOC = "What to do with a record whose value is null (a tombstone):"
            + " 'fail' fails the task naming the record (or reports it to the dead-letter queue when"
            + " errors.tolerance=all), 'ignore' skips it, 'write' writes it: as the line null in json, or as a row"
            + " whose value is null when format.envelope=true. Parquet, Avro, CSV and TSV rows without the"
            + " envelope cannot hold a null value, so 'write' needs format=json or format.envelope=true.";
    static final String BEHAVIOR_ON_NULL_VALUES_DEFAULT = "fail";

    /** What happens to a record whose value is null. */
    enum NullValues {
        FAIL, IGNORE, WRITE
    }

    private FormatConfig() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(FORMAT, ConfigDef.Type.STRING, FORMAT_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in(FORMATS.toArray(String[]::new)),
                        ConfigDef.Importance.HIGH, FORMAT_DOC, GROUP, ++order, ConfigDef.Width.SHORT, "Format")
                .define(PARQUET_CODEC, ConfigDef.Type.STRING, PARQUET_CODEC_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in(names(ParquetCodec.values(), ParquetCodec::configName)),
                        ConfigDef.Importance.MEDIUM, PARQUET_CODEC_DOC, GROUP, ++order, ConfigDef.Width.SHORT,
                        "Parquet codec")
                .define(AVRO_CODEC, ConfigDef.Type.STRING, AVRO_CODEC_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in(names(AvroCodec.values(), AvroCodec::configName)),
                        ConfigDef.Importance.MEDIUM, AVRO_CODEC_DOC, GROUP, ++order, ConfigDef.Width.SHORT,
                        "Avro codec")
                .define(FILE_COMPRESSION_TYPE, ConfigDef.Type.STRING, FILE_COMPRESSION_TYPE_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in(
                                names(TextCompression.values(), TextCompression::configName)),
                        ConfigDef.Importance.MEDIUM, FILE_COMPRESSION_TYPE_DOC, GROUP, ++order, ConfigDef.Width.SHORT,
                        "Text file compression")
                .define(FORMAT_ENVELOPE, ConfigDef.Type.BOOLEAN, FORMAT_ENVELOPE_DEFAULT, ConfigDef.Importance.MEDIUM,
                        FORMAT_ENVELOPE_DOC, GROUP, ++order, ConfigDef.Width.SHORT, "Record envelope")
                .define(BEHAVIOR_ON_NULL_VALUES, ConfigDef.Type.STRING, BEHAVIOR_ON_NULL_VALUES_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in(names(NullValues.values(),
                                v -> v.name().toLowerCase(Locale.ROOT))),
                        ConfigDef.Importance.MEDIUM, BEHAVIOR_ON_NULL_VALUES_DOC, GROUP, ++order,
                        ConfigDef.Width.SHORT, "Null values");
    }

    static RecordFormat format(AbstractConfig config) {
        String format = config.getString(FORMAT).toLowerCase(Locale.ROOT);
        TextCompression compression = TextCompression.fromConfigName(config.getString(FILE_COMPRESSION_TYPE));
        switch (format) {
            case "parquet":
                return new ParquetFormat(ParquetCodec.fromConfigName(config.getString(PARQUET_CODEC)));
            case "avro":
                return new AvroFormat(AvroCodec.fromConfigName(config.getString(AVRO_CODEC)));
            case "json":
                return new JsonLinesFormat(compression);
            case "csv":
                return CsvFormat.csv(compression);
            case "tsv":
                return CsvFormat.tsv(compression);
            default:
                throw new ConfigException(FORMAT, format, "Cannot use format '" + format + "': expected one of "
                        + FORMATS);
        }
    }

    static boolean envelope(AbstractConfig config) {
        return config.getBoolean(FORMAT_ENVELOPE);
    }

    static NullValues nullValues(AbstractConfig config) {
        requireValid(config);
        return NullValues.valueOf(config.getString(BEHAVIOR_ON_NULL_VALUES).toUpperCase(Locale.ROOT));
    }

    /** Why {@code behavior.on.null.values=write} cannot work with the chosen format, if it cannot. */
    static Optional<String> crossKeyProblem(AbstractConfig config) {
        String format = config.getString(FORMAT).toLowerCase(Locale.ROOT);
        if (config.getString(BEHAVIOR_ON_NULL_VALUES).equalsIgnoreCase("write") && !format.equals("json")
                && !envelope(config)) {
            return Optional.of("Cannot write null values as " + format + " rows: a row of format=" + format
                    + " cannot hold a null value; set " + FORMAT_ENVELOPE + "=true (the row's value is then null),"
                    + " format=json, or " + BEHAVIOR_ON_NULL_VALUES + "=ignore or fail");
        }
        return Optional.empty();
    }

    private static void requireValid(AbstractConfig config) {
        crossKeyProblem(config).ifPresent(message -> {
            throw new ConfigException(message);
        });
    }

    private static <T> String[] names(T[] values, java.util.function.Function<T, String> name) {
        return Arrays.stream(values).map(name).toArray(String[]::new);
    }
}
