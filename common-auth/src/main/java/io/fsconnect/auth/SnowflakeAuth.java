package io.fsconnect.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * How a connector signs in to Snowflake: key-pair authentication (a PKCS#8 private key, encrypted or not), an OAuth
 * access token, or a password. Snowflake is retiring password sign-in for service users; key pair is the safe choice.
 */
public sealed interface SnowflakeAuth {

    /** A password for the user. */
    record Password(Secret password) implements SnowflakeAuth {
        public Password {
            Objects.requireNonNull(password, "password");
        }
    }

    /** An OAuth access token issued for the user. */
    record OAuthToken(Secret token) implements SnowflakeAuth {
        public OAuthToken {
            Objects.requireNonNull(token, "token");
        }
    }

    /** A PKCS#8 private key whose public key is registered with the user; the passphrase decrypts an encrypted key. */
    record KeyPair(KeyMaterial privateKey, Optional<Secret> passphrase) implements SnowflakeAuth {
        public KeyPair {
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(passphrase, "passphrase");
        }
    }
}
