package io.fsconnect.auth;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A directory of the workers' local (or mounted) file system, given as an absolute path. Access is the worker
 * process's own; there is nothing to authenticate.
 */
public record LocalDataSource(String name, Optional<String> description, Path path, Options options)
        implements DataSource {

    public LocalDataSource {
        DataSource.requireValidName(name);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("Cannot create local data source " + name + ": path must be absolute");
        }
    }

    @Override
    public DataSourceType type() {
        return DataSourceType.LOCAL;
    }
}
