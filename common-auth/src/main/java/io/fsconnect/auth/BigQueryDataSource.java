package io.fsconnect.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * A BigQuery project: the parent (billing) project that runs the jobs, what is read ({@link BigQueryTarget}) and how
 * to authenticate.
 */
public record BigQueryDataSource(String name, Optional<String> description, String parentProject,
                                 BigQueryTarget target, GoogleAuth auth, Options options) implements DataSource {

    public BigQueryDataSource {
        DataSource.requireValidName(name);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parentProject, "parentProject");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(options, "options");
    }

    @Override
    public DataSourceType type() {
        return DataSourceType.BIGQUERY;
    }
}
