/** The Parquet record format, written through parquet-avro on a plain stream. */
package io.fsconnect.storage.format.parquet;
