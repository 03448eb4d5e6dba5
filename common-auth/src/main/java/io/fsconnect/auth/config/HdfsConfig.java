package io.fsconnect.auth.config;

import io.fsconnect.auth.DataSourceType;
import io.fsconnect.auth.HdfsDataSource;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The keys of {@code hopsfs} (a dataset of the feature store's file system) and {@code hdfs} (any Hadoop file system
 * URI) data sources, with optional Kerberos authentication (principal and keytab, both or none).
 */
public final class HdfsConfig {

    public static final String DATASET = "dataset";
    public static final String DATASET_DOC = "The HopsFS dataset, resolved to a path by the platform.";

    public static final String URI_KEY = "uri";
    public static final String URI_KEY_DOC = "The file system URI with a scheme, e.g. hdfs://namenode:8020/data.";

    public static final String KERBEROS_PRINCIPAL = "kerberos.principal";
    public static final String KERBEROS_PRINCIPAL_DOC = "A Kerberos principal to log in as, instead of the worker's "
            + "identity; requires " + "kerberos.keytab" + ".";

    public static final String KERBEROS_KEYTAB = "kerberos.keytab";
    public static final String KERBEROS_KEYTAB_DOC = "The keytab file of " + KERBEROS_PRINCIPAL + " on every worker.";

    private HdfsConfig() {
    }

    static void define(ConfigDef def, DataSourceType type) {
        KeyGroup location = new KeyGroup(def, ObjectStoreConfig.GROUP);
        if (type == DataSourceType.HOPSFS) {
            location.define(DATASET, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, DATASET_DOC,
                    Width.MEDIUM, "Dataset");
        } else {
            location.define(URI_KEY, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, KeyGroup.described("a URI with a scheme", HdfsConfig::validateUri),
                    Importance.HIGH, URI_KEY_DOC, Width.LONG, "URI");
        }
        new KeyGroup(def, "Authentication")
                .define(KERBEROS_PRINCIPAL, Type.STRING, null, Importance.MEDIUM, KERBEROS_PRINCIPAL_DOC,
                        Width.MEDIUM, "Kerberos principal")
                .define(KERBEROS_KEYTAB, Type.STRING, null, Importance.MEDIUM, KERBEROS_KEYTAB_DOC, Width.LONG,
                        "Kerberos keytab");
    }

    static Optional<HdfsDataSource> read(Fields fields, String name) {
        fields.allOrNone("Kerberos authentication", List.of(KERBEROS_PRINCIPAL, KERBEROS_KEYTAB));
        if (fields.hasProblems()) {
            return Optional.empty();
        }
        HdfsDataSource.Location location = fields.type() == DataSourceType.HOPSFS
                ? new HdfsDataSource.Location.HopsfsDataset(fields.required(DATASET))
                : new HdfsDataSource.Location.FileSystemUri(URI.create(fields.required(URI_KEY)));
        HdfsDataSource.Auth auth = fields.has(KERBEROS_PRINCIPAL)
                ? new HdfsDataSource.Auth.Kerberos(fields.required(KERBEROS_PRINCIPAL),
                        Path.of(fields.required(KERBEROS_KEYTAB)))
                : new HdfsDataSource.Auth.Implicit();
        return Optional.of(new HdfsDataSource(name, fields.string(DataSourceConfig.DESCRIPTION), location, auth,
                fields.options()));
    }

    private static void validateUri(String name, Object value) {
        if (value == null) {
            return;
        }
        try {
            if (new URI((String) value).getScheme() == null) {
                throw new org.apache.kafka.common.config.ConfigException(name, value,
                        "a file system URI needs a scheme, e.g. hdfs://");
            }
        } catch (URISyntaxException e) {
            throw new org.apache.kafka.common.config.ConfigException(name, value, "not a URI: " + e.getReason());
        }
    }
}
