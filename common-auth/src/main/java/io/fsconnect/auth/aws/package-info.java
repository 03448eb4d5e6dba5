/**
 * AWS credentials for data sources: turns an {@link io.fsconnect.auth.AwsAuth} into an SDK credentials provider.
 *
 * <p>{@link io.fsconnect.auth.aws.AwsCredentials} is the one entry ({@code forAuth}, or {@code forDataSource} for an
 * S3 data source with its STS settings); it hands SDK clients a provider they cannot close. Static keys become a static provider, the
 * worker's own identity becomes the SDK's default chain (environment, system properties, web identity, profile,
 * container and instance roles), and an assumed role becomes a provider that calls STS AssumeRole with credentials
 * from its source (recursively, for role chaining) and refreshes them a configurable margin before they expire.
 * Providers are shared by every user in the class loader (for a Connect plugin: every task of the plugin in one
 * worker) that asks for equal source credentials, role, external id, session settings and STS settings, so a
 * refresh costs one STS call however many tasks and requests use the credentials. The shared cache is keyed by
 * salted digests of secret values, never by the values themselves; the last user's {@code close()} closes the
 * provider and its STS client.
 */
package io.fsconnect.auth.aws;
