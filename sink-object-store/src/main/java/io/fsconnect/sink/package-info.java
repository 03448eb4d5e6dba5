/**
 * The object-store sink connector: Kafka topics written as files to an object store, with offsets
 * committed only for records in complete, visible files.
 */
package io.fsconnect.sink;
