/**
 * The {@link io.fsconnect.storage.ObjectStore} adapter for Amazon S3 and S3-compatible stores (Ceph RGW,
 * MinIO, ...), on the AWS SDK v2 sync client. Only {@link io.fsconnect.storage.s3.S3ObjectStore} is public;
 * SDK types stay inside this package.
 */
package io.fsconnect.storage.s3;
