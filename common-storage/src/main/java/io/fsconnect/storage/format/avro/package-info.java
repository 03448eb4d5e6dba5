/** The Avro object-container-file record format, written on a plain stream. */
package io.fsconnect.storage.format.avro;
