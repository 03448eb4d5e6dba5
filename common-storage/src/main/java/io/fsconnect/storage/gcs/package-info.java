/**
 * The {@link io.fsconnect.storage.ObjectStore} adapter for Google Cloud Storage: resumable uploads, conditional
 * creates and customer-supplied encryption keys. The only package of common-storage that imports Google's libraries.
 */
package io.fsconnect.storage.gcs;
