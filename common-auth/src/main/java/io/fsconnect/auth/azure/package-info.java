/**
 * Azure credentials: turns a data source's {@link io.fsconnect.auth.AzureAuth} into the credential types of the
 * Azure SDK ({@link io.fsconnect.auth.azure.AzureCredentials}). The only package of common-auth that sees Azure SDK
 * types; requests go through the JDK's HTTP client.
 */
package io.fsconnect.auth.azure;
