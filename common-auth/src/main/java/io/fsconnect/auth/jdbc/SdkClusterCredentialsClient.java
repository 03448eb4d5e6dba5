package io.fsconnect.auth.jdbc;

import io.fsconnect.auth.Secret;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.redshift.RedshiftClientBuilder;
import software.amazon.awssdk.services.redshift.model.GetClusterCredentialsRequest;
import software.amazon.awssdk.services.redshift.model.GetClusterCredentialsResponse;

import java.net.URI;
import java.util.Optional;

/** GetClusterCredentials through the AWS SDK's Redshift client, signed with the given credentials provider. */
final class SdkClusterCredentialsClient implements ClusterCredentialsClient {

    private final RedshiftClient client;

    SdkClusterCredentialsClient(AwsCredentialsProvider credentials, String region, Optional<URI> endpoint) {
        RedshiftClientBuilder builder = RedshiftClient.builder()
                // A view of the provider: closing this client must not end credentials shared with others.
                .credentialsProvider(credentials::resolveCredentials)
                .region(Region.of(region))
                .httpClientBuilder(Apache5HttpClient.builder());
        endpoint.ifPresent(builder::endpointOverride);
        this.client = builder.build();
    }

    @Override
    public DatabaseCredentials get(ClusterCredentialsRequest request) {
        GetClusterCredentialsRequest.Builder call = GetClusterCredentialsRequest.builder()
                .clusterIdentifier(request.clusterIdentifier())
                .dbName(request.database())
                .autoCreate(request.autoCreate())
                .durationSeconds((int) request.duration().toSeconds());
        request.user().ifPresent(call::dbUser);
        if (!request.databaseGroups().isEmpty()) {
            call.dbGroups(request.databaseGroups());
        }
        GetClusterCredentialsResponse response;
        try {
            response = client.getClusterCredentials(call.build());
        } catch (SdkException e) {
            // SDK messages name the operation and the AWS error code, never the request's credentials.
            throw new IllegalStateException("Cannot get temporary database credentials for Redshift cluster "
                    + request.clusterIdentifier() + ": " + e.getMessage() + "; check that the role may call "
                    + "redshift:GetClusterCredentials for this cluster, user and database", e);
        }
        return new DatabaseCredentials(response.dbUser(), Secret.of(response.dbPassword()), response.expiration());
    }

    @Override
    public void close() {
        client.close();
    }
}
