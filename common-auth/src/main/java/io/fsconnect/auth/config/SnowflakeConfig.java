package io.fsconnect.auth.config;

import io.fsconnect.auth.KeyMaterial;
import io.fsconnect.auth.Secret;
import io.fsconnect.auth.SnowflakeAuth;
import io.fsconnect.auth.SnowflakeDataSource;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a {@code snowflake} data source. Exactly one of {@code password}, {@code oauth.token} and a private key
 * ({@code private.key} or {@code private.key.file}) signs in; key-pair authentication is the one to choose, as
 * Snowflake is retiring password sign-in for service users.
 */
public final class SnowflakeConfig {

    public static final String URL = "url";
    public static final String URL_DOC = "The account URL, <account>.snowflakecomputing.com (https:// optional).";

    public static final String USER = "user";
    public static final String USER_DOC = "The Snowflake user.";

    public static final String DATABASE = "database";
    public static final String DATABASE_DOC = "The database.";

    public static final String SCHEMA = "schema";
    public static final String SCHEMA_DOC = "The schema.";

    public static final String WAREHOUSE = "warehouse";
    public static final String WAREHOUSE_DOC = "The virtual warehouse that runs the queries.";

    public static final String ROLE = "role";
    public static final String ROLE_DOC = "The role to use; the user's default role when not set.";

    public static final String TABLE = "table";
    public static final String TABLE_DOC = "A table to read, for data sources that stand for one table.";

    public static final String APPLICATION = "application";
    public static final String APPLICATION_DOC = "The application name Snowflake records for the sessions.";

    public static final String PASSWORD = "password";
    public static final String PASSWORD_DOC = "The user's password. Excludes the other sign-in modes.";

    public static final String OAUTH_TOKEN = "oauth.token";
    public static final String OAUTH_TOKEN_DOC = "An OAuth access token for the user. Excludes the other sign-in "
            + "modes.";

    public static final String PRIVATE_KEY = "private.key";
    public static final String PRIVATE_KEY_DOC = "The PKCS#8 private key of the user's key pair, in PEM (with or "
            + "without its BEGIN/END lines). Excludes the other sign-in modes.";

    public static final String PRIVATE_KEY_FILE = "private.key.file";
    public static final String PRIVATE_KEY_FILE_DOC = "A PKCS#8 PEM file on every worker holding the private key, "
            + "instead of " + PRIVATE_KEY + ".";

    public static final String PRIVATE_KEY_PASSPHRASE = "private.key.passphrase";
    public static final String PRIVATE_KEY_PASSPHRASE_DOC = "The passphrase of an encrypted private key.";

    private static final String PKCS8 = "-----BEGIN PRIVATE KEY-----";
    private static final String ENCRYPTED_PKCS8 = "-----BEGIN ENCRYPTED PRIVATE KEY-----";

    private SnowflakeConfig() {
    }

    static void define(ConfigDef def) {
        new KeyGroup(def, "Connection")
                .define(URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, URL_DOC, Width.LONG, "URL")
                .define(USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, USER_DOC, Width.MEDIUM, "User")
                .define(DATABASE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, DATABASE_DOC,
                        Width.MEDIUM, "Database")
                .define(SCHEMA, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, SCHEMA_DOC, Width.MEDIUM,
                        "Schema")
                .define(WAREHOUSE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, WAREHOUSE_DOC,
                        Width.MEDIUM, "Warehouse")
                .define(ROLE, Type.STRING, null, Importance.MEDIUM, ROLE_DOC, Width.MEDIUM, "Role")
                .define(TABLE, Type.STRING, null, Importance.LOW, TABLE_DOC, Width.MEDIUM, "Table")
                .define(APPLICATION, Type.STRING, null, Importance.LOW, APPLICATION_DOC, Width.MEDIUM,
                        "Application");
        new KeyGroup(def, "Authentication")
                .define(PRIVATE_KEY, Type.PASSWORD, null, Importance.HIGH, PRIVATE_KEY_DOC, Width.LONG, "Private key")
                .define(PRIVATE_KEY_FILE, Type.STRING, null, Importance.HIGH, PRIVATE_KEY_FILE_DOC, Width.LONG,
                        "Private key file")
                .define(PRIVATE_KEY_PASSPHRASE, Type.PASSWORD, null, Importance.MEDIUM, PRIVATE_KEY_PASSPHRASE_DOC,
                        Width.MEDIUM, "Private key passphrase")
                .define(OAUTH_TOKEN, Type.PASSWORD, null, Importance.HIGH, OAUTH_TOKEN_DOC, Width.LONG, "OAuth token")
                .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH, PASSWORD_DOC, Width.MEDIUM, "Password");
    }

    static Optional<SnowflakeDataSource> read(Fields fields, String name) {
        Optional<String> url = fields.string(URL).map(u -> u.replaceFirst("^https://", "").replaceAll("/+$", ""));
        if (url.isPresent() && (url.get().isEmpty() || url.get().contains("/") || url.get().contains(" "))) {
            fields.problem(URL, fields.key(URL) + " must be the account host, <account>.snowflakecomputing.com");
        }
        Optional<SnowflakeAuth> auth = readAuth(fields);
        if (fields.hasProblems() || auth.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SnowflakeDataSource(name, fields.string(DataSourceConfig.DESCRIPTION), url.get(),
                fields.required(USER), fields.required(DATABASE), fields.required(SCHEMA), fields.required(WAREHOUSE),
                fields.string(ROLE), fields.string(TABLE), fields.string(APPLICATION), auth.get(), fields.options()));
    }

    private static Optional<SnowflakeAuth> readAuth(Fields fields) {
        List<String> keyPair = List.of(PRIVATE_KEY, PRIVATE_KEY_FILE, PRIVATE_KEY_PASSPHRASE);
        Optional<Integer> mode = fields.atMostOne("sign-in",
                List.of(keyPair, List.of(OAUTH_TOKEN), List.of(PASSWORD)));
        if (mode.isEmpty()) {
            if (keyPair.stream().noneMatch(fields::present) && !fields.present(OAUTH_TOKEN)
                    && !fields.present(PASSWORD)) {
                fields.problem(List.of(PRIVATE_KEY, OAUTH_TOKEN, PASSWORD), "A Snowflake data source needs a sign-in "
                        + "mode: set " + fields.key(PRIVATE_KEY) + " (or " + fields.key(PRIVATE_KEY_FILE) + "), "
                        + fields.key(OAUTH_TOKEN) + " or " + fields.key(PASSWORD) + "; key pair is recommended");
            }
            return Optional.empty();
        }
        return switch (mode.get()) {
            case 0 -> readKeyPair(fields);
            case 1 -> fields.secret(OAUTH_TOKEN).map(SnowflakeAuth.OAuthToken::new);
            default -> fields.secret(PASSWORD).map(SnowflakeAuth.Password::new);
        };
    }

    private static Optional<SnowflakeAuth> readKeyPair(Fields fields) {
        Optional<Secret> pem = fields.secret(PRIVATE_KEY);
        Optional<String> file = fields.string(PRIVATE_KEY_FILE);
        Optional<Secret> passphrase = fields.secret(PRIVATE_KEY_PASSPHRASE);
        if (pem.isPresent() && file.isPresent()) {
            fields.problem(List.of(PRIVATE_KEY, PRIVATE_KEY_FILE), "Cannot take the private key from both "
                    + fields.key(PRIVATE_KEY) + " and " + fields.key(PRIVATE_KEY_FILE) + "; set one");
            return Optional.empty();
        }
        if (pem.isEmpty() && file.isEmpty()) {
            fields.problem(PRIVATE_KEY, fields.key(PRIVATE_KEY_PASSPHRASE) + " needs a private key: set "
                    + fields.key(PRIVATE_KEY) + " or " + fields.key(PRIVATE_KEY_FILE));
            return Optional.empty();
        }
        if (pem.isPresent()) {
            String key = pem.get().reveal().strip();
            if (key.contains("BEGIN RSA PRIVATE KEY")) {
                fields.problem(PRIVATE_KEY, fields.key(PRIVATE_KEY) + " is a PKCS#1 key; Snowflake needs PKCS#8: "
                        + "convert it with openssl pkcs8 -topk8 -in key.pem -out key.p8");
                return Optional.empty();
            }
            boolean encrypted = key.startsWith(ENCRYPTED_PKCS8);
            if (key.startsWith("-----") && !encrypted && !key.startsWith(PKCS8)) {
                fields.problem(PRIVATE_KEY, fields.key(PRIVATE_KEY) + " is not a PKCS#8 private key; expected a PEM "
                        + "block starting with " + PKCS8 + " or " + ENCRYPTED_PKCS8);
                return Optional.empty();
            }
            if (encrypted && passphrase.isEmpty()) {
                fields.problem(PRIVATE_KEY_PASSPHRASE, fields.key(PRIVATE_KEY) + " is encrypted: set "
                        + fields.key(PRIVATE_KEY_PASSPHRASE));
                return Optional.empty();
            }
            if (key.startsWith(PKCS8) && passphrase.isPresent()) {
                fields.problem(PRIVATE_KEY_PASSPHRASE, fields.key(PRIVATE_KEY_PASSPHRASE) + " is set but "
                        + fields.key(PRIVATE_KEY) + " is not encrypted; remove the passphrase");
                return Optional.empty();
            }
            return Optional.of(new SnowflakeAuth.KeyPair(new KeyMaterial.Inline(pem.get()), passphrase));
        }
        return Optional.of(new SnowflakeAuth.KeyPair(new KeyMaterial.File(Path.of(file.get())), passphrase));
    }
}
