/**
 * Connection checks: prove that a data source's credentials work, without reading or writing data, and say in
 * words a user can act on which key to fix. {@link io.fsconnect.auth.check.ConnectionCheck} is the entry; the
 * per-store checks live in the per-cloud packages, next to the credentials they exercise.
 */
package io.fsconnect.auth.check;
