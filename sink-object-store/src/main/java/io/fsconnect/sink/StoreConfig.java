package io.fsconnect.sink;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The keys that choose and locate the object store, and the {@link StoreSpec} they describe. */
final class StoreConfig {

    static final String GROUP = "Store";

    static final String STORE_TYPE = "store.type";
    static final String STORE_TYPE_DOC = "The kind of object store the files are written to. 'local' writes to a"
            + " directory of the worker's file system (or a mounted one), which every worker must see at the same"
            + " path.";
    static final String STORE_TYPE_DEFAULT = "local";
    static final List<String> STORE_TYPES = List.of("local");

    static final String STORE_LOCAL_ROOT = "store.local.root";
    static final String STORE_LOCAL_ROOT_DOC = "The directory that holds the objects when " + STORE_TYPE
            + "=local. Object keys become paths relative to it. Required for the local store.";
    static final String STORE_LOCAL_ROOT_DEFAULT = null;

    /** Why the local store is not fully described, if it is the chosen store and is not. */
    static Optional<String> missingLocalRoot(AbstractConfig config) {
        if (config.getString(STORE_TYPE).equalsIgnoreCase("local") && config.getString(STORE_LOCAL_ROOT) == null) {
            return Optional.of("Cannot use the local store: " + STORE_LOCAL_ROOT + " is required when " + STORE_TYPE
                    + "=local; set it to the directory the files should be written to");
        }
        return Optional.empty();
    }

    private StoreConfig() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(STORE_TYPE, ConfigDef.Type.STRING, STORE_TYPE_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in(STORE_TYPES.toArray(String[]::new)),
                        ConfigDef.Importance.HIGH, STORE_TYPE_DOC, GROUP, ++order, ConfigDef.Width.SHORT, "Store type")
                .define(STORE_LOCAL_ROOT, ConfigDef.Type.STRING, STORE_LOCAL_ROOT_DEFAULT,
                        new ConfigDef.NonEmptyString(), ConfigDef.Importance.HIGH, STORE_LOCAL_ROOT_DOC, GROUP,
                        ++order, ConfigDef.Width.LONG, "Local store root directory");
    }

    /**
     * The store the keys describe.
     *
     * @throws ConfigException naming the missing key if the chosen store is not fully described
     */
    static StoreSpec spec(AbstractConfig config) {
        String type = config.getString(STORE_TYPE).toLowerCase(Locale.ROOT);
        if (type.equals("local")) {
            missingLocalRoot(config).ifPresent(message -> {
                throw new ConfigException(message);
            });
            return new StoreSpec.Local(Path.of(config.getString(STORE_LOCAL_ROOT)));
        }
        throw new ConfigException(STORE_TYPE, type, "Cannot use store type '" + type + "': expected one of "
                + STORE_TYPES);
    }
}
