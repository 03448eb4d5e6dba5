package io.fsconnect.auth.aws;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes two requests for AWS credentials interchangeable, so that they can share one provider: the same
 * authentication mode with the same source credentials, role, external id and session settings, and for roles the
 * same STS settings. Secret values (secret keys, session tokens, external ids) are held only as
 * {@link SecretDigest}s, so keys may be printed and kept in maps without revealing them.
 */
sealed interface CredentialsKey {

    /** The key of {@code auth}, with {@code sts} deciding where roles are assumed. */
    static CredentialsKey of(AwsAuth auth, StsSettings sts) {
        Objects.requireNonNull(sts, "sts");
        if (auth instanceof AwsAuth.InstanceRole) {
            return new DefaultChain();
        }
        if (auth instanceof AwsAuth.AccessKeys keys) {
            String digest = keys.sessionToken().isPresent()
                    ? SecretDigest.of(keys.secretAccessKey(), keys.sessionToken().get())
                    : SecretDigest.of(keys.secretAccessKey());
            return new StaticKeys(keys.accessKeyId(), digest);
        }
        AwsAuth.AssumeRole role = (AwsAuth.AssumeRole) auth;
        CredentialsKey source = role.source().map(s -> of(s, sts)).orElseGet(DefaultChain::new);
        return new Role(role.roleArn(), role.externalId().map(id -> SecretDigest.of(Secret.of(id))),
                role.sessionName(), role.sessionDuration(), source, sts.endpoint(), sts.region(),
                sts.refreshMargin());
    }

    /** The worker's own identity, through the SDK's default provider chain. */
    record DefaultChain() implements CredentialsKey {
    }

    /** Static keys: the access key id as is, the secret key and session token as one digest. */
    record StaticKeys(String accessKeyId, String secretDigest) implements CredentialsKey {
    }

    /** An assumed role, with the key of the credentials that assume it. */
    record Role(String roleArn, Optional<String> externalIdDigest, Optional<String> sessionName,
                Duration sessionDuration, CredentialsKey source, Optional<URI> stsEndpoint,
                Optional<String> stsRegion, Duration refreshMargin) implements CredentialsKey {
    }
}
