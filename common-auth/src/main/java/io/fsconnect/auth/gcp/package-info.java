/**
 * Google Cloud credentials from the data-source model: service-account keys (a file on every worker or the JSON
 * document itself) and Application Default Credentials. The only package of common-auth that imports Google's
 * libraries.
 */
package io.fsconnect.auth.gcp;
