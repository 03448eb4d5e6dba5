package io.fsconnect.auth;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An Azure Data Lake Storage account: generation 2 (a container of a storage account, also reachable through the
 * Blob API) or the retired generation 1 (no containers), optionally restricted to a directory ({@code path}) and
 * reached through a custom {@code endpoint} (sovereign clouds, emulators), with one Azure authentication mode.
 */
public record AdlsDataSource(String name, Optional<String> description, int generation, String accountName,
                             Optional<String> container, Optional<String> path, Optional<URI> endpoint,
                             AzureAuth auth, Options options) implements DataSource {

    public AdlsDataSource {
        DataSource.requireValidName(name);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(options, "options");
        if (generation != 1 && generation != 2) {
            throw new IllegalArgumentException("Cannot create ADLS data source " + name + ": generation must be 1 or 2");
        }
        if ((generation == 2) != container.isPresent()) {
            throw new IllegalArgumentException("Cannot create ADLS data source " + name
                    + ": a container is required for generation 2 and not allowed for generation 1");
        }
    }

    @Override
    public DataSourceType type() {
        return DataSourceType.ADLS;
    }
}
