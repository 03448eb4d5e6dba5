/**
 * Data sources and their credentials: the one place every connector gets authentication from. Knows nothing of buckets, tables or connectors.
 */
package io.fsconnect.auth;
