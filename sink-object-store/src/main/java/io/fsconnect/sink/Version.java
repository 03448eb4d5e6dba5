package io.fsconnect.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project version the plugin was built as, read from a resource filled in by the build. */
final class Version {

    private static final String RESOURCE = "fsconnect-sink-object-store.properties";
    private static final String VERSION = load();

    private Version() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Cannot read the plugin version: resource " + RESOURCE
                        + " is missing from the plugin jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the plugin version from " + RESOURCE + ": " + e, e);
        }
        return properties.getProperty("version");
    }
}
