package io.fsconnect.storage.format;

/**
 * How a Connect {@code Decimal} is stored in Avro-based formats: as variable-length {@code bytes} or as
 * a {@code fixed} of the smallest size that holds the decimal's precision. Both carry the Avro
 * {@code decimal} logical type, so readers see decimals either way; some engines prefer fixed.
 */
public enum DecimalEncoding {
    BYTES,
    FIXED
}
