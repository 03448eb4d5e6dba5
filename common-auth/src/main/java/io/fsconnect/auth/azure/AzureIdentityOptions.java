package io.fsconnect.auth.azure;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the Entra ID sign-in that a data source does not carry: the authority host that issues tokens, for
 * sovereign clouds and for tests against a local token service (the SDK's default, or the
 * {@code AZURE_AUTHORITY_HOST} environment variable, when empty). An authority host other than the default also
 * switches off MSAL's instance discovery, which would otherwise ask the public cloud whether the host is known.
 */
public record AzureIdentityOptions(Optional<URI> authorityHost) {

    public AzureIdentityOptions {
        Objects.requireNonNull(authorityHost, "authorityHost");
        authorityHost.ifPresent(host -> {
            if (!"https".equals(host.getScheme())) {
                throw new IllegalArgumentException("Cannot use authority host " + host
                        + ": Entra ID sign-in needs an https:// URL");
            }
        });
    }

    /** The SDK's defaults. */
    public static AzureIdentityOptions defaults() {
        return new AzureIdentityOptions(Optional.empty());
    }

    /** Tokens come from {@code host} instead of the public cloud's authority. */
    public static AzureIdentityOptions withAuthorityHost(URI host) {
        return new AzureIdentityOptions(Optional.of(host));
    }
}
