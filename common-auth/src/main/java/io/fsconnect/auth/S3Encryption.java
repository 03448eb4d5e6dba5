package io.fsconnect.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Server-side encryption of the objects a connector writes to S3: keys managed by S3 ({@code AES256}), keys in AWS
 * KMS ({@code SSE-KMS}, optionally naming the key; the bucket default otherwise) or a key the customer supplies with
 * every request ({@code SSE-C}).
 */
public sealed interface S3Encryption {

    /** SSE-S3: S3 manages the keys. */
    record S3Managed() implements S3Encryption {
    }

    /** SSE-KMS with the given key (ARN, id or alias), or the bucket's default KMS key. */
    record Kms(Optional<String> keyId) implements S3Encryption {
        public Kms {
            Objects.requireNonNull(keyId, "keyId");
        }
    }

    /** SSE-C: a base64-encoded 256-bit key sent with every request. */
    record CustomerKey(Secret key) implements S3Encryption {
        public CustomerKey {
            Objects.requireNonNull(key, "key");
        }
    }
}
