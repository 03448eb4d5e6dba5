package io.fsconnect.source.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this plugin, as built by Maven (a filtered resource next to this class). */
public final class Version {

    private static final String RESOURCE = "version.properties";
    private static final String VERSION = load();

    private Version() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Cannot find " + RESOURCE + " next to " + Version.class.getName()
                    + ": the plugin jar is incomplete; rebuild it with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
