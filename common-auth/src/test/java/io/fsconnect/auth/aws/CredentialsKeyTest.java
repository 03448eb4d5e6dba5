package io.fsconnect.auth.aws;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.Secret;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsKeyTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    private static final String EXTERNAL_ID = "tenant-4711-shared-secret";
    private static final String ROLE = "arn:aws:iam::123456789012:role/reader";

    private static AwsAuth.AccessKeys keys(String secret) {
        return new AwsAuth.AccessKeys("AKIDEXAMPLE", Secret.of(secret), Optional.empty());
    }

    private static AwsAuth.AssumeRole role(AwsAuth source, String externalId, Duration duration) {
        return new AwsAuth.AssumeRole(ROLE, Optional.of(externalId), Optional.empty(), duration, Optional.of(source));
    }

    @Test
    void equalSettingsBuiltSeparatelyGiveEqualKeys() {
        StsSettings sts = StsSettings.defaults().withService(Optional.of(URI.create("http://sts.local")),
                Optional.of("eu-west-1"));
        CredentialsKey first = CredentialsKey.of(role(keys(SECRET), EXTERNAL_ID, Duration.ofHours(1)), sts);
        CredentialsKey second = CredentialsKey.of(role(keys(new String(SECRET.toCharArray())), EXTERNAL_ID,
                Duration.ofHours(1)), sts);

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(CredentialsKey.of(new AwsAuth.InstanceRole(), sts))
                .isEqualTo(CredentialsKey.of(new AwsAuth.InstanceRole(), StsSettings.defaults()));
    }

    @Test
    void anyDifferenceInSecretsRoleSessionOrStsGivesADifferentKey() {
        StsSettings sts = StsSettings.defaults();
        CredentialsKey base = CredentialsKey.of(role(keys(SECRET), EXTERNAL_ID, Duration.ofHours(1)), sts);

        assertThat(CredentialsKey.of(role(keys(SECRET + "x"), EXTERNAL_ID, Duration.ofHours(1)), sts))
                .as("other source secret").isNotEqualTo(base);
        assertThat(CredentialsKey.of(role(keys(SECRET), EXTERNAL_ID + "x", Duration.ofHours(1)), sts))
                .as("other external id").isNotEqualTo(base);
        assertThat(CredentialsKey.of(role(keys(SECRET), EXTERNAL_ID, Duration.ofHours(2)), sts))
                .as("other session duration").isNotEqualTo(base);
        assertThat(CredentialsKey.of(role(keys(SECRET), EXTERNAL_ID, Duration.ofHours(1)),
                sts.withService(Optional.of(URI.create("http://127.0.0.1:7480")), Optional.empty())))
                .as("other STS endpoint").isNotEqualTo(base);
        assertThat(CredentialsKey.of(role(keys(SECRET), EXTERNAL_ID, Duration.ofHours(1)),
                sts.withRefreshMargin(Duration.ofMinutes(1))))
                .as("other refresh margin").isNotEqualTo(base);
        AwsAuth.AssumeRole chained = role(role(keys(SECRET), EXTERNAL_ID, Duration.ofHours(1)), EXTERNAL_ID,
                Duration.ofHours(1));
        assertThat(CredentialsKey.of(chained, sts)).as("through another role").isNotEqualTo(base);

        CredentialsKey withToken = CredentialsKey.of(new AwsAuth.AccessKeys("AKIDEXAMPLE", Secret.of(SECRET),
                Optional.of(Secret.of(TOKEN))), sts);
        assertThat(withToken).isNotEqualTo(CredentialsKey.of(keys(SECRET), sts));
        // The secret and the token are digested as a sequence, not a concatenation.
        assertThat(withToken).isNotEqualTo(CredentialsKey.of(new AwsAuth.AccessKeys("AKIDEXAMPLE",
                Secret.of(SECRET + TOKEN.charAt(0)), Optional.of(Secret.of(TOKEN.substring(1)))), sts));
    }

    @Test
    void keysNeverShowSecretsNorTheirPlainHashes() throws NoSuchAlgorithmException {
        AwsAuth.AssumeRole chained = role(role(new AwsAuth.AccessKeys("AKIDEXAMPLE", Secret.of(SECRET),
                Optional.of(Secret.of(TOKEN))), EXTERNAL_ID, Duration.ofHours(1)), EXTERNAL_ID, Duration.ofHours(1));
        String printed = CredentialsKey.of(chained, StsSettings.defaults()).toString();

        assertThat(printed).contains(ROLE, "AKIDEXAMPLE")
                .doesNotContain(SECRET, TOKEN, EXTERNAL_ID)
                .doesNotContain(sha256(SECRET), sha256(EXTERNAL_ID), sha256(SECRET + TOKEN));
    }

    private static String sha256(String value) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
