package io.fsconnect.auth.config;

import io.fsconnect.auth.BigQueryDataSource;
import io.fsconnect.auth.BigQueryTarget;
import io.fsconnect.auth.GoogleAuth;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.List;
import java.util.Optional;

/**
 * The keys of a {@code bigquery} data source: the parent (billing) project, then either one table
 * ({@code query.project}, {@code dataset}, {@code table}, all three) or a {@code materialization.dataset} for queries.
 */
public final class BigQueryConfig {

    public static final String PARENT_PROJECT = "parent.project";
    public static final String PARENT_PROJECT_DOC = "The project that runs and is billed for the jobs.";

    public static final String QUERY_PROJECT = "query.project";
    public static final String QUERY_PROJECT_DOC = "Table mode: the project of the table.";

    public static final String DATASET = "dataset";
    public static final String DATASET_DOC = "Table mode: the dataset of the table.";

    public static final String TABLE = "table";
    public static final String TABLE_DOC = "Table mode: the table.";

    public static final String MATERIALIZATION_DATASET = "materialization.dataset";
    public static final String MATERIALIZATION_DATASET_DOC = "Query mode: the dataset where BigQuery materializes "
            + "query results; needed for external feature groups defined by a query. Excludes the table keys.";

    private static final List<String> TABLE_KEYS = List.of(QUERY_PROJECT, DATASET, TABLE);

    private BigQueryConfig() {
    }

    static void define(ConfigDef def) {
        new KeyGroup(def, "Location")
                .define(PARENT_PROJECT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, PARENT_PROJECT_DOC,
                        Width.MEDIUM, "Parent project")
                .define(QUERY_PROJECT, Type.STRING, null, Importance.MEDIUM, QUERY_PROJECT_DOC, Width.MEDIUM,
                        "Table project")
                .define(DATASET, Type.STRING, null, Importance.MEDIUM, DATASET_DOC, Width.MEDIUM, "Table dataset")
                .define(TABLE, Type.STRING, null, Importance.MEDIUM, TABLE_DOC, Width.MEDIUM, "Table")
                .define(MATERIALIZATION_DATASET, Type.STRING, null, Importance.MEDIUM, MATERIALIZATION_DATASET_DOC,
                        Width.MEDIUM, "Materialization dataset");
        GoogleConfig.define(new KeyGroup(def, "Authentication"));
    }

    static Optional<BigQueryDataSource> read(Fields fields, String name) {
        Optional<BigQueryTarget> target = readTarget(fields);
        Optional<GoogleAuth> auth = GoogleConfig.read(fields);
        if (fields.hasProblems() || target.isEmpty() || auth.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BigQueryDataSource(name, fields.string(DataSourceConfig.DESCRIPTION),
                fields.required(PARENT_PROJECT), target.get(), auth.get(), fields.options()));
    }

    private static Optional<BigQueryTarget> readTarget(Fields fields) {
        boolean table = TABLE_KEYS.stream().anyMatch(fields::present);
        boolean query = fields.present(MATERIALIZATION_DATASET);
        if (table && query) {
            List<String> keys = new java.util.ArrayList<>(TABLE_KEYS.stream().filter(fields::present).toList());
            keys.add(MATERIALIZATION_DATASET);
            fields.problem(keys, "Cannot combine the table keys (" + String.join(", ",
                    TABLE_KEYS.stream().map(fields::key).toList()) + ") with " + fields.key(MATERIALIZATION_DATASET)
                    + ": set the three table keys to read one table, or the materialization dataset to run queries");
            return Optional.empty();
        }
        if (!table && !query) {
            fields.problem(MATERIALIZATION_DATASET, "A BigQuery data source reads a table or runs queries: set "
                    + String.join(", ", TABLE_KEYS.stream().map(fields::key).toList()) + ", or set "
                    + fields.key(MATERIALIZATION_DATASET));
            return Optional.empty();
        }
        if (query) {
            return fields.string(MATERIALIZATION_DATASET).map(BigQueryTarget.Query::new);
        }
        fields.allOrNone("table mode", TABLE_KEYS);
        if (!TABLE_KEYS.stream().allMatch(fields::has)) {
            return Optional.empty();
        }
        return Optional.of(new BigQueryTarget.Table(fields.required(QUERY_PROJECT), fields.required(DATASET),
                fields.required(TABLE)));
    }
}
