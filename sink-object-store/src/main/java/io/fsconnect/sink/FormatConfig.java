package io.fsconnect.sink;

import io.fsconnect.storage.format.RecordFormat;
import io.fsconnect.storage.format.parquet.ParquetCodec;
import io.fsconnect.storage.format.parquet.ParquetFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The keys that choose the file format and its options, and the {@link RecordFormat} they describe. */
final class FormatConfig {

    static final String GROUP = "Format";

    static final String FORMAT = "format";
    static final String FORMAT_DOC = "The format of the files written. Record values must be structs with a"
            + " schema (for example JsonConverter with schemas.enable=true); each file holds values of one schema.";
    static final String FORMAT_DEFAULT = "parquet";
    static final List<String> FORMATS = List.of("parquet");

    static final String PARQUET_CODEC = "parquet.codec";
    static final String PARQUET_CODEC_DOC = "The compression codec of Parquet files.";
    static final String PARQUET_CODEC_DEFAULT = ParquetCodec.SNAPPY.configName();

    private FormatConfig() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        String[] codecs = Arrays.stream(ParquetCodec.values()).map(ParquetCodec::configName).toArray(String[]::new);
        return def
                .define(FORMAT, ConfigDef.Type.STRING, FORMAT_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in(FORMATS.toArray(String[]::new)),
                        ConfigDef.Importance.HIGH, FORMAT_DOC, GROUP, ++order, ConfigDef.Width.SHORT, "Format")
                .define(PARQUET_CODEC, ConfigDef.Type.STRING, PARQUET_CODEC_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in(codecs), ConfigDef.Importance.MEDIUM,
                        PARQUET_CODEC_DOC, GROUP, ++order, ConfigDef.Width.SHORT, "Parquet codec");
    }

    static RecordFormat format(AbstractConfig config) {
        String format = config.getString(FORMAT).toLowerCase(Locale.ROOT);
        if (format.equals("parquet")) {
            return new ParquetFormat(ParquetCodec.fromConfigName(config.getString(PARQUET_CODEC)));
        }
        throw new ConfigException(FORMAT, format, "Cannot use format '" + format + "': expected one of " + FORMATS);
    }
}
