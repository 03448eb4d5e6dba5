/**
 * Text record formats: JSON Lines, CSV and TSV, optionally gzip-compressed. They write values with or
 * without a Connect schema and render logical types the same way: see {@link
 * io.fsconnect.storage.format.text.JsonValueWriter}.
 */
package io.fsconnect.storage.format.text;
