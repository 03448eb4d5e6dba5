package io.fsconnect.auth.provider;

import io.fsconnect.auth.DataSource;
import io.fsconnect.auth.config.DataSourceConfig;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.auth.config.DataSourceValidation;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of data-source definitions, one {@code <name>.properties} file per data source, holding the keys of the
 * data-source reference without a prefix. Secrets are either written in the file (protect it: {@code chmod 600}) or
 * as {@code ${file:<path>:<key>}}, {@code ${directory:<dir>:<file>}} or {@code ${env:<VARIABLE>}} placeholders, which
 * are resolved when the definition is read. Every read goes to the disk, so changed files apply on the next
 * connector or task start. Messages name data sources, files and keys, never values.
 */
public final class DataSourceDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataSourceDirectory.class);
    private static final String SUFFIX = ".properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

    private final Path dir;
    private final Map<String, ConfigProvider> secretProviders;
    private final ConfigTransformer placeholders;
    private final Set<Path> warnedFiles = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public DataSourceDirectory(Path dir) {
        this.dir = dir;
        Map<String, ConfigProvider> providers = new LinkedHashMap<>();
        providers.put("file", new FileConfigProvider());
        providers.put("directory", new DirectoryConfigProvider());
        providers.put("env", new EnvVarConfigProvider());
        providers.values().forEach(p -> p.configure(Map.of()));
        this.secretProviders = providers;
        this.placeholders = new ConfigTransformer(providers);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The names of the data sources defined in the folder, sorted. */
    public List<String> names() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(SUFFIX))
                    .map(f -> f.substring(0, f.length() - SUFFIX.length()))
                    .filter(n -> DataSource.NAME_PATTERN.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException("Cannot list data sources in " + dir + ": " + e);
        }
    }

    /**
     * The checked definition of one data source, with its placeholders resolved: a map of its keys, including
     * {@code name}. Throws a {@link ConfigException} naming the data source and its file if it is missing,
     * unreadable or invalid.
     */
    public Map<String, String> definition(String name) {
        Path file = file(name);
        Map<String, String> definition = resolve(name, file, load(name, file));
        DataSourceValidation validation = DataSourceParser.validateDefinition(definition);
        if (!validation.isValid()) {
            throw new ConfigException("Cannot use data source '" + name + "' defined in " + file + ": "
                    + String.join("; ", validation.errors().values().stream().flatMap(List::stream).distinct().toList()));
        }
        return definition;
    }

    /** One data source, parsed. */
    public DataSource dataSource(String name) {
        return DataSourceParser.validateDefinition(definition(name)).orElseThrow();
    }

    private Path file(String name) {
        // The name comes from a connector config: never let it point outside the folder.
        if (name == null || !DataSource.NAME_PATTERN.matcher(name).matches()) {
            throw new ConfigException("Cannot find data source '" + name + "': a data-source name has only letters, "
                    + "digits, '_' and '-'");
        }
        return dir.resolve(name + SUFFIX);
    }

    private Map<String, String> load(String name, Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Cannot find data source '" + name + "': there is no file " + file
                    + "; defined data sources: " + String.join(", ", names()));
        } catch (IOException | IllegalArgumentException e) {
            // Exception messages of the JDK here name the file or the broken escape, not the file's content.
            throw new ConfigException("Cannot read data source '" + name + "' from " + file + ": " + e);
        }
        warnIfReadableByOthers(file);
        Map<String, String> definition = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> definition.put(key, properties.getProperty(key)));
        String declared = definition.putIfAbsent(DataSourceConfig.NAME, name);
        if (declared != null && !declared.trim().equals(name)) {
            throw new ConfigException("Cannot use data source '" + name + "' defined in " + file + ": its "
                    + DataSourceConfig.NAME + " key says '" + declared.trim() + "'; a data source's name is its file "
                    + "name, so remove the key or rename the file");
        }
        return definition;
    }

    private Map<String, String> resolve(String name, Path file, Map<String, String> definition) {
        Map<String, String> resolved;
        try {
            resolved = new TreeMap<>(placeholders.transform(definition).data());
        } catch (ConfigException e) {
            throw new ConfigException("Cannot resolve the placeholders of data source '" + name + "' defined in "
                    + file + ": " + e.getMessage());
        }
        for (Map.Entry<String, String> entry : resolved.entrySet()) {
            if (entry.getValue() != null && PLACEHOLDER.matcher(entry.getValue()).find()) {
                throw new ConfigException("Cannot resolve key '" + entry.getKey() + "' of data source '" + name
                        + "' defined in " + file + ": it holds a placeholder that none of the providers file, "
                        + "directory and env could resolve (a missing file, key or environment variable?)");
            }
        }
        return resolved;
    }

    private void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            // Once per file: workers read definitions at every connector and task start.
            if (permissions.contains(PosixFilePermission.OTHERS_READ) && warnedFiles.add(file)) {
                log.warn("Data-source file {} is readable by every user of this machine; it may hold secrets, so "
                        + "restrict it, e.g. chmod 600", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to check.
        }
    }

    @Override
    public void close() {
        for (ConfigProvider provider : secretProviders.values()) {
            try {
                provider.close();
            } catch (IOException e) {
                throw new ConfigException("Cannot close config provider: " + e);
            }
        }
    }
}
