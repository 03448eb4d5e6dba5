package io.fsconnect.auth.config;

import io.fsconnect.auth.LocalDataSource;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** The keys of a {@code local} data source: one absolute directory on the workers. */
public final class LocalConfig {

    public static final String PATH = "path";
    public static final String PATH_DOC = "The absolute path of a directory on every worker (local or mounted).";

    private LocalConfig() {
    }

    static void define(ConfigDef def) {
        new KeyGroup(def, ObjectStoreConfig.GROUP)
                .define(PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, KeyGroup.described("an absolute path", LocalConfig::validatePath), Importance.HIGH,
                        PATH_DOC, Width.LONG, "Directory");
    }

    static Optional<LocalDataSource> read(Fields fields, String name) {
        if (fields.hasProblems()) {
            return Optional.empty();
        }
        return Optional.of(new LocalDataSource(name, fields.string(DataSourceConfig.DESCRIPTION),
                Path.of(fields.required(PATH)), fields.options()));
    }

    private static void validatePath(String name, Object value) {
        if (value == null) {
            return;
        }
        try {
            if (!Path.of((String) value).isAbsolute()) {
                throw new ConfigException(name, value, "the path must be absolute");
            }
        } catch (InvalidPathException e) {
            throw new ConfigException(name, value, "not a path: " + e.getReason());
        }
    }
}
