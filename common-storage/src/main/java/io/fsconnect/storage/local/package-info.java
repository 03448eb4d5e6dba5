/** The {@link io.fsconnect.storage.ObjectStore} adapter for a local or mounted directory. */
package io.fsconnect.storage.local;
