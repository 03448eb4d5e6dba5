/**
 * Record formats: writers that turn Connect values into files on a plain stream. Formats know nothing
 * of stores or credentials, so one implementation serves every store.
 */
package io.fsconnect.storage.format;
