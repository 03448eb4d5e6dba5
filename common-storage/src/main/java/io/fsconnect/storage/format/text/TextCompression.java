package io.fsconnect.storage.format.text;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * How the bytes of a text format (JSON Lines, CSV, TSV) are compressed as a whole: not at all, or as one
 * gzip member that {@code gzip -d}, Spark, DuckDB and pandas read directly.
 */
public enum TextCompression {
    NONE(""),
    GZIP(".gz");

    private final String extensionSuffix;

    TextCompression(String extensionSuffix) {
        this.extensionSuffix = extensionSuffix;
    }

    /** What the compression adds to a file name's extension, e.g. {@code .gz}. */
    public String extensionSuffix() {
        return extensionSuffix;
    }

    /** The configuration name, e.g. {@code gzip}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The compression with the given configuration name, ignoring case.
     *
     * @throws IllegalArgumentException listing the valid names if there is none
     */
    public static TextCompression fromConfigName(String name) {
        for (TextCompression compression : values()) {
            if (compression.configName().equalsIgnoreCase(name)) {
                return compression;
            }
        }
        throw new IllegalArgumentException("Cannot use compression '" + name + "': expected one of none, gzip");
    }

    /** Wraps {@code out}; {@link #finish} completes what the wrapper holds without closing {@code out}. */
    OutputStream wrap(OutputStream out) throws IOException {
        return this == GZIP ? new GZIPOutputStream(out, 64 * 1024) : out;
    }

    /** Writes what {@code wrapped} (from {@link #wrap}) still holds, e.g. the gzip trailer. */
    static void finish(OutputStream wrapped) throws IOException {
        if (wrapped instanceof GZIPOutputStream gzip) {
            gzip.finish();
        }
        wrapped.flush();
    }
}
