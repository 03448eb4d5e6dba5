package io.fsconnect.storage.format.parquet;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The compression codecs a Parquet file can be written with, by the names users configure. */
public enum ParquetCodec {
    SNAPPY(CompressionCodecName.SNAPPY),
    ZSTD(CompressionCodecName.ZSTD),
    GZIP(CompressionCodecName.GZIP),
    NONE(CompressionCodecName.UNCOMPRESSED);

    private final CompressionCodecName parquetName;

    ParquetCodec(CompressionCodecName parquetName) {
        this.parquetName = parquetName;
    }

    CompressionCodecName parquetName() {
        return parquetName;
    }

    /** The configuration name, e.g. {@code snappy}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The codec with the given configuration name, ignoring case.
     *
     * @throws IllegalArgumentException listing the valid names if there is none
     */
    public static ParquetCodec fromConfigName(String name) {
        for (ParquetCodec codec : values()) {
            if (codec.configName().equalsIgnoreCase(name)) {
                return codec;
            }
        }
        throw new IllegalArgumentException("Cannot use Parquet codec '" + name + "': expected one of snappy, zstd,"
                + " gzip, none");
    }
}
