/**
 * Data sources and their credentials: the one place every connector gets authentication from. Knows nothing of
 * what the stores hold, nor of connectors.
 *
 * <p>A {@link io.fsconnect.auth.DataSource} is an immutable record per kind (JDBC, Snowflake, Redshift, BigQuery, S3,
 * ADLS, GCS, HopsFS/HDFS, local, Kafka) with exactly one authentication mode from a sealed interface per kind
 * ({@link io.fsconnect.auth.AwsAuth}, {@link io.fsconnect.auth.AzureAuth}, {@link io.fsconnect.auth.GoogleAuth},
 * {@link io.fsconnect.auth.SnowflakeAuth}, {@link io.fsconnect.auth.RedshiftAuth}, {@link io.fsconnect.auth.JdbcAuth},
 * {@link io.fsconnect.auth.KafkaAuth}), so contradictory settings cannot be expressed. Secret values are
 * {@link io.fsconnect.auth.Secret}s, which never print themselves. Data sources are read from configurations by
 * {@code io.fsconnect.auth.config} and served to workers by {@code io.fsconnect.auth.provider}; the client code of
 * each cloud, which turns a data source into SDK credentials, belongs in {@code io.fsconnect.auth.aws}, {@code .azure}
 * and {@code .gcp}, the only packages that may import cloud SDKs.
 */
package io.fsconnect.auth;
