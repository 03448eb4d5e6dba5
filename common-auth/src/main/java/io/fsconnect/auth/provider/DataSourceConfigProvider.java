package io.fsconnect.auth.provider;

import io.fsconnect.auth.config.DataSourceReference;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Kafka {@link ConfigProvider} that serves named data sources from a folder of definitions
 * ({@link DataSourceDirectory}), so connector configs refer to a data source instead of carrying its credentials.
 * Configure it on every worker:
 * <pre>
 * config.providers=datasource
 * config.providers.datasource.class=io.fsconnect.auth.provider.DataSourceConfigProvider
 * config.providers.datasource.param.dir=/etc/fsconnect/datasources
 * </pre>
 * Then {@code ${datasource:<name>}} resolves to the whole data source in one value (see {@link DataSourceReference}),
 * and {@code ${datasource:<name>:<key>}} to one of its keys, e.g. {@code ${datasource:orders_pg:connection.password}}.
 * Placeholders are resolved by the worker when it starts a connector or a task; the config topic and the REST API
 * keep the placeholder. A missing data source or key, an unreadable or invalid file fails with a message naming the
 * data source and its file, never a value.
 */
public final class DataSourceConfigProvider implements ConfigProvider {

    /** The provider parameter naming the folder of definitions. */
    public static final String DIR = "dir";

    private DataSourceDirectory directory;

    @Override
    public void configure(Map<String, ?> configs) {
        Object dir = configs.get(DIR);
        if (dir == null || dir.toString().isBlank()) {
            throw new ConfigException("Cannot configure the data-source config provider: set its parameter " + DIR
                    + " to the folder of data-source definitions, e.g. config.providers.datasource.param.dir="
                    + "/etc/fsconnect/datasources");
        }
        Path path = Path.of(dir.toString().trim());
        if (!Files.isDirectory(path)) {
            throw new ConfigException("Cannot configure the data-source config provider: " + path
                    + " (parameter " + DIR + ") is not a folder");
        }
        directory = new DataSourceDirectory(path);
    }

    /** With an empty path, every data source, each as one encoded value; with a data-source name, all its keys. */
    @Override
    public ConfigData get(String path) {
        DataSourceDirectory dir = directory();
        Map<String, String> data = new HashMap<>();
        if (path == null || path.isEmpty()) {
            for (String name : dir.names()) {
                data.put(name, DataSourceReference.encode(dir.definition(name)));
            }
            return new ConfigData(data);
        }
        return new ConfigData(dir.definition(path));
    }

    /**
     * With an empty path, the keys are data-source names and each value is the whole data source encoded for
     * {@link DataSourceReference}; with a data-source name as path, the keys are keys of that data source.
     */
    @Override
    public ConfigData get(String path, Set<String> keys) {
        DataSourceDirectory dir = directory();
        Map<String, String> data = new HashMap<>();
        if (path == null || path.isEmpty()) {
            for (String name : keys) {
                data.put(name, DataSourceReference.encode(dir.definition(name)));
            }
            return new ConfigData(data);
        }
        Map<String, String> definition = dir.definition(path);
        for (String key : keys) {
            String value = definition.get(key);
            if (value == null) {
                throw new ConfigException("Cannot resolve ${datasource:" + path + ":" + key + "}: data source '" + path
                        + "' defined in " + dir.dir().resolve(path + ".properties") + " has no key '" + key + "'");
            }
            data.put(key, value);
        }
        return new ConfigData(data);
    }

    private DataSourceDirectory directory() {
        if (directory == null) {
            throw new IllegalStateException("Cannot read data sources: the data-source config provider is not "
                    + "configured");
        }
        return directory;
    }

    @Override
    public void close() {
        if (directory != null) {
            directory.close();
        }
    }
}
