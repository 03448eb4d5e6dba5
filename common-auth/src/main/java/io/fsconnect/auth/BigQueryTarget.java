package io.fsconnect.auth;

import java.util.Objects;

/**
 * What a BigQuery data source reads: one table, or the results of SQL queries, which BigQuery materializes into a
 * dataset. Only query mode can back an external feature group defined by a query.
 */
public sealed interface BigQueryTarget {

    /** One table, {@code project.dataset.table}. */
    record Table(String project, String dataset, String table) implements BigQueryTarget {
        public Table {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(table, "table");
        }
    }

    /** SQL queries whose results BigQuery materializes in {@code materializationDataset}. */
    record Query(String materializationDataset) implements BigQueryTarget {
        public Query {
            Objects.requireNonNull(materializationDataset, "materializationDataset");
        }
    }
}
