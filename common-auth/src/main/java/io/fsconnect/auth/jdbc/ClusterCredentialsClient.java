package io.fsconnect.auth.jdbc;

/** Asks Redshift for temporary database credentials; the seam between the refresh logic and the AWS SDK. */
interface ClusterCredentialsClient extends AutoCloseable {

    /** New temporary credentials; throws a runtime exception naming the cluster when Redshift refuses. */
    DatabaseCredentials get(ClusterCredentialsRequest request);

    @Override
    void close();
}
