package io.fsconnect.auth.aws;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.Secret;
import io.fsconnect.auth.check.Problem;
import io.fsconnect.auth.config.AwsConfig;
import io.fsconnect.auth.config.ObjectStoreConfig;
import io.fsconnect.auth.config.S3Config;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The connection check of an S3 data source: obtains its credentials (assuming the role, through the chain, if one
 * is set) and sends HeadBucket, which reads no object. A refused role names the role key; a 404 names
 * {@code bucket}; a 403 is told apart by a GetBucketLocation, whose error code (on AWS) says whether the secret key
 * does not match ({@code secret.access.key}) or the key id is unknown ({@code access.key.id}); a plain refusal, which
 * is all some compatible stores ever answer, is reported on the identity's key ({@code access.key.id},
 * {@code iam.role}, or {@code bucket} for the worker's own identity). Calls are not retried and each gives up after
 * the timeout; messages quote only error codes and SDK messages with every secret of the data source scrubbed out.
 */
public final class S3BucketCheck {

    /** SigV4 needs a region; S3-compatible stores accept this one whatever their own name. */
    private static final Region COMPATIBLE_STORE_REGION = Region.US_EAST_1;

    private S3BucketCheck() {
    }

    /** The problems found, none when the credentials work and the bucket answers. */
    public static List<Problem> check(S3DataSource source, Duration timeout) {
        List<Secret> secrets = secrets(source.auth());
        try (AwsCredentials credentials = AwsCredentials.forDataSource(source)) {
            try {
                credentials.provider().resolveCredentials();
            } catch (RuntimeException e) {
                return List.of(credentialsProblem(source, e, secrets));
            }
            try (S3Client s3 = client(source, credentials, timeout)) {
                try {
                    s3.headBucket(b -> b.bucket(source.bucket()));
                    return List.of();
                } catch (S3Exception e) {
                    return List.of(bucketProblem(source, s3, e, secrets));
                } catch (SdkException e) {
                    return List.of(unreachable(source, e, secrets));
                }
            }
        } catch (RuntimeException e) {
            return List.of(unreachable(source, e, secrets));
        }
    }

    private static S3Client client(S3DataSource source, AwsCredentials credentials, Duration timeout) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(credentials.provider())
                .forcePathStyle(source.pathStyleAccess())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout));
        source.region().map(Region::of).ifPresent(builder::region);
        source.endpoint().ifPresent(endpoint -> {
            builder.endpointOverride(endpoint);
            if (source.region().isEmpty()) {
                builder.region(COMPATIBLE_STORE_REGION);
            }
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            builder.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        });
        return builder.build();
    }

    private static Problem credentialsProblem(S3DataSource source, RuntimeException e, List<Secret> secrets) {
        AwsAuth auth = source.auth();
        Optional<AwsServiceException> refusal = serviceException(e);
        if (auth instanceof AwsAuth.AssumeRole role) {
            String code = refusal.map(r -> " (" + r.statusCode() + " " + r.awsErrorDetails().errorCode() + ")")
                    .orElse("");
            String reason = refusal.map(r -> "STS refused" + code).orElse("STS could not be asked: " + e.getMessage());
            String key = refusal.isPresent() && isBadSignature(refusal.get()) && sourceKeys(role).isPresent()
                    ? AwsConfig.IAM_SOURCE_SECRET_ACCESS_KEY : AwsConfig.IAM_ROLE;
            return Problem.scrubbed(key, "Cannot assume role " + role.roleArn() + " for data source "
                    + source.name() + ": " + reason + ". Check " + AwsConfig.IAM_ROLE + ", that its trust policy"
                    + " allows the source identity (" + describeSource(role) + ") and " + AwsConfig.IAM_EXTERNAL_ID
                    + ", and " + S3Config.STS_ENDPOINT + " / " + S3Config.STS_REGION + ".", secrets);
        }
        if (auth instanceof AwsAuth.InstanceRole) {
            return Problem.scrubbed(AwsConfig.ACCESS_KEY_ID, "Cannot obtain AWS credentials for data source "
                    + source.name() + " from the worker's default chain: " + e.getMessage() + ". Give the workers an"
                    + " identity (instance or container role, web identity, environment), or set "
                    + AwsConfig.ACCESS_KEY_ID + " and " + AwsConfig.SECRET_ACCESS_KEY + " or " + AwsConfig.IAM_ROLE
                    + ".", secrets);
        }
        return Problem.scrubbed(AwsConfig.ACCESS_KEY_ID, "Cannot use the access keys of data source "
                + source.name() + ": " + e.getMessage(), secrets);
    }

    private static Problem bucketProblem(S3DataSource source, S3Client s3, S3Exception e, List<Secret> secrets) {
        String bucket = "bucket " + source.bucket() + where(source);
        if (e.statusCode() == 404) {
            return new Problem(ObjectStoreConfig.BUCKET, "Cannot find " + bucket + ": it does not exist (404). Check "
                    + ObjectStoreConfig.BUCKET + (source.endpoint().isPresent() ? " and " + ObjectStoreConfig.ENDPOINT
                    : " and " + S3Config.REGION) + ".");
        }
        if (e.statusCode() == 301) {
            return new Problem(S3Config.REGION, "Cannot reach " + bucket + ": it is in another region (301). Set "
                    + S3Config.REGION + " to the bucket's region.");
        }
        if (e.statusCode() != 403) {
            return Problem.scrubbed(ObjectStoreConfig.BUCKET, "Cannot reach " + bucket + ": HeadBucket answered "
                    + e.statusCode() + ". " + e.getMessage(), secrets);
        }
        // HeadBucket answers without a body, so only another call's error code tells why access was refused.
        String code = errorCodeOfRefusal(source, s3);
        AwsAuth auth = source.auth();
        if (auth instanceof AwsAuth.AccessKeys keys && "SignatureDoesNotMatch".equals(code)) {
            return new Problem(AwsConfig.SECRET_ACCESS_KEY, "Cannot sign in to " + bucket + " with access key "
                    + keys.accessKeyId() + ": the secret access key does not match it (403 SignatureDoesNotMatch)."
                    + " Check " + AwsConfig.SECRET_ACCESS_KEY + ".");
        }
        if (auth instanceof AwsAuth.AccessKeys keys && "InvalidAccessKeyId".equals(code)) {
            return new Problem(AwsConfig.ACCESS_KEY_ID, "Cannot sign in to " + bucket + ": the store does not know"
                    + " access key " + keys.accessKeyId() + " (403 InvalidAccessKeyId). Check "
                    + AwsConfig.ACCESS_KEY_ID + ".");
        }
        if ("InvalidToken".equals(code) || "ExpiredToken".equals(code)) {
            String key = auth instanceof AwsAuth.AccessKeys ? AwsConfig.SESSION_TOKEN : AwsConfig.IAM_ROLE;
            return new Problem(key, "Cannot sign in to " + bucket + ": the session token is not accepted (403 "
                    + code + "). Check " + key + ".");
        }
        String status = " (403" + (code.isEmpty() ? "" : " " + code) + ")";
        if (auth instanceof AwsAuth.AccessKeys keys) {
            // Some stores (Ceph RGW) answer a plain AccessDenied whether the keys or the permissions are wrong.
            return new Problem(AwsConfig.ACCESS_KEY_ID, "Cannot access " + bucket + " with access key "
                    + keys.accessKeyId() + ": access denied" + status + ". Check " + AwsConfig.ACCESS_KEY_ID
                    + " and " + AwsConfig.SECRET_ACCESS_KEY + ", and that the key's user may s3:ListBucket on "
                    + ObjectStoreConfig.BUCKET + ".");
        }
        String key = auth instanceof AwsAuth.AssumeRole ? AwsConfig.IAM_ROLE : ObjectStoreConfig.BUCKET;
        return new Problem(key, "Cannot access " + bucket + ": access denied to " + describe(auth) + status
                + ". Allow it s3:ListBucket on the bucket, or check " + ObjectStoreConfig.BUCKET + ".");
    }

    private static String errorCodeOfRefusal(S3DataSource source, S3Client s3) {
        return errorCode(() -> s3.getBucketLocation(b -> b.bucket(source.bucket())));
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
            return "";
        } catch (AwsServiceException e) {
            return Optional.ofNullable(e.awsErrorDetails()).map(d -> d.errorCode()).orElse("");
        } catch (SdkException e) {
            return "";
        }
    }

    private static Problem unreachable(S3DataSource source, RuntimeException e, List<Secret> secrets) {
        String key = source.endpoint().isPresent() ? ObjectStoreConfig.ENDPOINT : S3Config.REGION;
        return Problem.scrubbed(key, "Cannot reach bucket " + source.bucket() + where(source) + ": " + e.getMessage()
                + ". Check " + key + " and that the workers can reach the store.", secrets);
    }

    private static String where(S3DataSource source) {
        return source.endpoint().map(endpoint -> " at " + endpoint)
                .or(() -> source.region().map(region -> " in " + region)).orElse("");
    }

    private static boolean isBadSignature(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return "SignatureDoesNotMatch".equals(code) || "InvalidClientTokenId".equals(code);
    }

    private static Optional<AwsServiceException> serviceException(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AwsServiceException service) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    private static Optional<AwsAuth.AccessKeys> sourceKeys(AwsAuth.AssumeRole role) {
        Optional<AwsAuth> source = role.source();
        while (source.isPresent() && source.get() instanceof AwsAuth.AssumeRole inner) {
            source = inner.source();
        }
        return source.filter(AwsAuth.AccessKeys.class::isInstance).map(AwsAuth.AccessKeys.class::cast);
    }

    private static String describeSource(AwsAuth.AssumeRole role) {
        return role.source().map(S3BucketCheck::describe).orElse("the worker's own identity");
    }

    private static String describe(AwsAuth auth) {
        if (auth instanceof AwsAuth.AccessKeys keys) {
            return "access key " + keys.accessKeyId();
        }
        if (auth instanceof AwsAuth.AssumeRole role) {
            return "role " + role.roleArn();
        }
        return "the worker's own identity";
    }

    private static List<Secret> secrets(AwsAuth auth) {
        List<Secret> secrets = new ArrayList<>();
        if (auth instanceof AwsAuth.AccessKeys keys) {
            secrets.add(keys.secretAccessKey());
            keys.sessionToken().ifPresent(secrets::add);
        } else if (auth instanceof AwsAuth.AssumeRole role) {
            role.source().ifPresent(source -> secrets.addAll(secrets(source)));
        }
        return secrets;
    }
}
