package io.fsconnect.auth.jdbc;

import io.fsconnect.auth.KeyMaterial;
import io.fsconnect.auth.SnowflakeAuth;
import io.fsconnect.auth.SnowflakeDataSource;
import io.fsconnect.auth.config.SnowflakeConfig;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Maps a Snowflake data source to snowflake-jdbc's settings: the URL
 * {@code jdbc:snowflake://<account>.snowflakecomputing.com/?db=...&schema=...&warehouse=...[&role=...][&application=...]}
 * carries where to work; the properties carry the user and the sign-in: the {@code privateKey} property as a
 * {@link java.security.PrivateKey} object (key pair), {@code authenticator=oauth} with {@code token} (OAuth), or
 * {@code password}. The data source's options are added as further driver properties.
 */
final class SnowflakeSettings {

    private static final String DOMAIN = ".snowflakecomputing.com";

    private SnowflakeSettings() {
    }

    static JdbcConnectionSettings of(SnowflakeDataSource source) {
        Properties properties = new Properties();
        properties.putAll(source.options().asMap());
        properties.setProperty("user", source.user());
        SnowflakeAuth auth = source.auth();
        if (auth instanceof SnowflakeAuth.Password password) {
            properties.setProperty("password", password.password().reveal());
        } else if (auth instanceof SnowflakeAuth.OAuthToken token) {
            properties.setProperty("authenticator", "oauth");
            properties.setProperty("token", token.token().reveal());
        } else {
            SnowflakeAuth.KeyPair keyPair = (SnowflakeAuth.KeyPair) auth;
            properties.put("privateKey", privateKey(source, keyPair));
        }
        return new JdbcConnectionSettings(url(source), properties);
    }

    static String url(SnowflakeDataSource source) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("db", source.database());
        parameters.put("schema", source.schema());
        parameters.put("warehouse", source.warehouse());
        source.role().ifPresent(role -> parameters.put("role", role));
        source.application().ifPresent(application -> parameters.put("application", application));
        String query = parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return "jdbc:snowflake://" + host(source.url()) + "/?" + query;
    }

    private static String host(String accountUrl) {
        String host = accountUrl.replaceFirst("(?i)^https?://", "").replaceAll("/+$", "");
        return host.toLowerCase(Locale.ROOT).endsWith(DOMAIN) ? host : host + DOMAIN;
    }

    private static java.security.PrivateKey privateKey(SnowflakeDataSource source, SnowflakeAuth.KeyPair keyPair) {
        String subject = "of data source '" + source.name() + "'";
        if (keyPair.privateKey() instanceof KeyMaterial.File file) {
            subject += " (" + SnowflakeConfig.PRIVATE_KEY_FILE + " " + file.path() + ")";
            String pem;
            try {
                pem = Files.readString(file.path(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read the private key " + subject + ": "
                        + e.getClass().getSimpleName() + "; check that the file exists on every worker and is "
                        + "readable by the worker's user");
            }
            return PrivateKeyReader.read(pem, keyPair.passphrase(), subject);
        }
        KeyMaterial.Inline inline = (KeyMaterial.Inline) keyPair.privateKey();
        return PrivateKeyReader.read(inline.value().reveal(), keyPair.passphrase(),
                subject + " (" + SnowflakeConfig.PRIVATE_KEY + ")");
    }
}
