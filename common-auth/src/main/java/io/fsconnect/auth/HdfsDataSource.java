package io.fsconnect.auth;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A Hadoop-compatible file system: a HopsFS dataset of the feature store's cluster (type {@code hopsfs}), or any file
 * system URI such as {@code hdfs://namenode:8020/data} (type {@code hdfs}). The cluster's own identity is used unless a
 * Kerberos principal and keytab are given.
 */
public record HdfsDataSource(String name, Optional<String> description, Location location, Auth auth,
                             Options options) implements DataSource {

    public HdfsDataSource {
        DataSource.requireValidName(name);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(options, "options");
    }

    @Override
    public DataSourceType type() {
        return location instanceof Location.HopsfsDataset ? DataSourceType.HOPSFS : DataSourceType.HDFS;
    }

    /** Where the data lives. */
    public sealed interface Location {
        /** A dataset of the feature store's HopsFS, resolved to a path by the platform. */
        record HopsfsDataset(String dataset) implements Location {
            public HopsfsDataset {
                Objects.requireNonNull(dataset, "dataset");
            }
        }

        /** A Hadoop file system URI. */
        record FileSystemUri(URI uri) implements Location {
            public FileSystemUri {
                Objects.requireNonNull(uri, "uri");
            }
        }
    }

    /** How to authenticate to the file system. */
    public sealed interface Auth {
        /** The identity the worker already has in the cluster. */
        record Implicit() implements Auth {
        }

        /** A Kerberos principal with its keytab file on every worker. */
        record Kerberos(String principal, Path keytab) implements Auth {
            public Kerberos {
                Objects.requireNonNull(principal, "principal");
                Objects.requireNonNull(keytab, "keytab");
            }
        }
    }
}
