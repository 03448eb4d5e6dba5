package io.fsconnect.storage.format.avro;

import java.util.Locale;
import org.apache.avro.file.CodecFactory;

/**
 * The block compression codecs an Avro container file can be written with, by the names users configure
 * (the names of the Avro specification). Every Avro reader supports {@code null} and {@code deflate};
 * {@code snappy} and {@code zstandard} need the reader's optional codec libraries.
 */
public enum AvroCodec {
    NULL("null"),
    DEFLATE("deflate"),
    SNAPPY("snappy"),
    ZSTD("zstandard");

    private final String avroName;

    AvroCodec(String avroName) {
        this.avroName = avroName;
    }

    CodecFactory factory() {
        switch (this) {
            case DEFLATE:
                return CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL);
            case SNAPPY:
                return CodecFactory.snappyCodec();
            case ZSTD:
                return CodecFactory.zstandardCodec(CodecFactory.DEFAULT_ZSTANDARD_LEVEL);
            default:
                return CodecFactory.nullCodec();
        }
    }

    /** The codec's name in the file's {@code avro.codec} metadata, e.g. {@code zstandard}. */
    public String avroName() {
        return avroName;
    }

    /** The configuration name, e.g. {@code zstd}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The codec with the given configuration name (or its Avro name), ignoring case.
     *
     * @throws IllegalArgumentException listing the valid names if there is none
     */
    public static AvroCodec fromConfigName(String name) {
        for (AvroCodec codec : values()) {
            if (codec.configName().equalsIgnoreCase(name) || codec.avroName.equalsIgnoreCase(name)) {
                return codec;
            }
        }
        throw new IllegalArgumentException("Cannot use Avro codec '" + name + "': expected one of null, deflate,"
                + " snappy, zstd");
    }
}
