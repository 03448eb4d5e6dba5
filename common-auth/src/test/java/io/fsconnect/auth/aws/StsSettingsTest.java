package io.fsconnect.auth.aws;

import io.fsconnect.auth.DataSourceType;
import io.fsconnect.auth.S3DataSource;
import io.fsconnect.auth.config.DataSourceParser;
import io.fsconnect.auth.config.DataSourceValidation;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StsSettingsTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/reader";

    private static S3DataSource s3(String... keysAndValues) {
        Map<String, String> config = new HashMap<>(Map.of("datasource.type", "s3", "datasource.name", "lake",
                "datasource.bucket", "features"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put("datasource." + keysAndValues[i], keysAndValues[i + 1]);
        }
        S3DataSource source = (S3DataSource) DataSourceParser.parse(config, "datasource.");
        assertThat(source.type()).isEqualTo(DataSourceType.S3);
        return source;
    }

    @Test
    void awsBucketsUseAwsStsInTheirRegion() {
        StsSettings sts = StsSettings.forDataSource(s3("region", "eu-west-1", "iam.role", ROLE));
        assertThat(sts).isEqualTo(new StsSettings(Optional.empty(), Optional.of("eu-west-1"),
                StsSettings.DEFAULT_REFRESH_MARGIN));
    }

    @Test
    void compatibleStoresServeStsAtTheirOwnEndpointUnlessOneIsSet() {
        String rgwRole = "arn:aws:iam:::role/reader";
        assertThat(StsSettings.forDataSource(s3("endpoint", "http://rgw.local:7480", "iam.role", rgwRole)).endpoint())
                .contains(URI.create("http://rgw.local:7480"));

        StsSettings explicit = StsSettings.forDataSource(s3("endpoint", "http://rgw.local:7480", "region", "eu-1",
                "iam.role", rgwRole, "sts.endpoint", "https://sts.rgw.local", "sts.region", "sts-1"));
        assertThat(explicit.endpoint()).contains(URI.create("https://sts.rgw.local"));
        assertThat(explicit.region()).contains("sts-1");
    }

    @Test
    void stsKeysWithoutARoleOrWithABadUrlAreReportedByKey() {
        DataSourceValidation withoutRole = DataSourceParser.validate(Map.of("datasource.type", "s3",
                "datasource.name", "lake", "datasource.bucket", "features",
                "datasource.sts.endpoint", "https://sts.eu-west-1.amazonaws.com", "datasource.sts.region", "eu-west-1"),
                "datasource.");
        assertThat(withoutRole.errors()).containsOnlyKeys("datasource.sts.endpoint", "datasource.sts.region");
        assertThat(withoutRole.errors().get("datasource.sts.endpoint"))
                .containsExactly("datasource.sts.endpoint applies only to a role set with datasource.iam.role");

        DataSourceValidation badUrl = DataSourceParser.validate(Map.of("datasource.type", "s3",
                "datasource.name", "lake", "datasource.bucket", "features", "datasource.iam.role", ROLE,
                "datasource.sts.endpoint", "sts.amazonaws.com"), "datasource.");
        assertThat(badUrl.errors()).containsOnlyKeys("datasource.sts.endpoint");
    }

    @Test
    void aNegativeRefreshMarginIsRefused() {
        assertThatThrownBy(() -> StsSettings.defaults().withRefreshMargin(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot use STS settings: the refresh margin must not be negative");
        assertThat(StsSettings.defaults().refreshMargin()).isEqualTo(Duration.ofMinutes(5));
    }
}
