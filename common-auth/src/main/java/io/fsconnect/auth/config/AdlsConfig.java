package io.fsconnect.auth.config;

import io.fsconnect.auth.AdlsDataSource;
import io.fsconnect.auth.AzureAuth;
import io.fsconnect.auth.Secret;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys of an {@code adls} data source. At most one Azure authentication mode is set: a service principal
 * ({@code tenant.id}, {@code client.id}, {@code client.secret}; a feature store's directory id, application id and
 * service credential), a managed identity, the account key or a SAS token; the default credential chain otherwise.
 */
public final class AdlsConfig {

    public static final String GENERATION = "generation";
    public static final String GENERATION_DOC = "The ADLS generation: 2, or 1 for the retired Gen 1 accounts.";
    public static final int GENERATION_DEFAULT = 2;

    public static final String ACCOUNT_NAME = "account.name";
    public static final String ACCOUNT_NAME_DOC = "The storage account name (3 to 24 lowercase letters and digits).";

    public static final String CONTAINER = "container";
    public static final String CONTAINER_DOC = "The container (file system); required for generation 2.";

    public static final String TENANT_ID = "tenant.id";
    public static final String TENANT_ID_DOC = "Service principal: the directory (tenant) id.";

    public static final String CLIENT_ID = "client.id";
    public static final String CLIENT_ID_DOC = "Service principal: the application (client) id.";

    public static final String CLIENT_SECRET = "client.secret";
    public static final String CLIENT_SECRET_DOC = "Service principal: the client secret (service credential).";

    public static final String MANAGED_IDENTITY_ENABLED = "managed.identity.enabled";
    public static final String MANAGED_IDENTITY_ENABLED_DOC = "Authenticate with the host's system-assigned managed "
            + "identity, or the user-assigned one named by " + "managed.identity.client.id" + ".";
    public static final boolean MANAGED_IDENTITY_ENABLED_DEFAULT = false;

    public static final String MANAGED_IDENTITY_CLIENT_ID = "managed.identity.client.id";
    public static final String MANAGED_IDENTITY_CLIENT_ID_DOC = "The client id of a user-assigned managed identity.";

    public static final String ACCOUNT_KEY = "account.key";
    public static final String ACCOUNT_KEY_DOC = "The storage account's shared key.";

    public static final String SAS_TOKEN = "sas.token";
    public static final String SAS_TOKEN_DOC = "A shared access signature token.";

    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
    private static final List<String> SERVICE_PRINCIPAL = List.of(TENANT_ID, CLIENT_ID, CLIENT_SECRET);

    private AdlsConfig() {
    }

    static void define(ConfigDef def) {
        KeyGroup location = new KeyGroup(def, ObjectStoreConfig.GROUP)
                .define(GENERATION, Type.INT, GENERATION_DEFAULT, ConfigDef.Range.between(1, 2), Importance.MEDIUM,
                        GENERATION_DOC, Width.SHORT, "Generation")
                .define(ACCOUNT_NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, ACCOUNT_NAME_DOC,
                        Width.MEDIUM, "Account")
                .define(CONTAINER, Type.STRING, null, Importance.HIGH, CONTAINER_DOC, Width.MEDIUM, "Container");
        ObjectStoreConfig.definePathAndEndpoint(location);
        new KeyGroup(def, "Authentication")
                .define(TENANT_ID, Type.STRING, null, Importance.HIGH, TENANT_ID_DOC, Width.MEDIUM, "Tenant id")
                .define(CLIENT_ID, Type.STRING, null, Importance.HIGH, CLIENT_ID_DOC, Width.MEDIUM, "Client id")
                .define(CLIENT_SECRET, Type.PASSWORD, null, Importance.HIGH, CLIENT_SECRET_DOC, Width.MEDIUM,
                        "Client secret")
                .define(MANAGED_IDENTITY_ENABLED, Type.BOOLEAN, MANAGED_IDENTITY_ENABLED_DEFAULT, Importance.MEDIUM,
                        MANAGED_IDENTITY_ENABLED_DOC, Width.SHORT, "Managed identity")
                .define(MANAGED_IDENTITY_CLIENT_ID, Type.STRING, null, Importance.MEDIUM,
                        MANAGED_IDENTITY_CLIENT_ID_DOC, Width.MEDIUM, "Managed identity client id")
                .define(ACCOUNT_KEY, Type.PASSWORD, null, Importance.MEDIUM, ACCOUNT_KEY_DOC, Width.LONG,
                        "Account key")
                .define(SAS_TOKEN, Type.PASSWORD, null, Importance.MEDIUM, SAS_TOKEN_DOC, Width.LONG, "SAS token");
    }

    static Optional<AdlsDataSource> read(Fields fields, String name) {
        int generation = fields.integer(GENERATION);
        fields.string(ACCOUNT_NAME).filter(a -> !ACCOUNT.matcher(a).matches()).ifPresent(a ->
                fields.problem(ACCOUNT_NAME, fields.key(ACCOUNT_NAME) + " must be 3 to 24 lowercase letters and digits"));
        Optional<String> container = fields.string(CONTAINER);
        if (generation == 2 && !fields.present(CONTAINER)) {
            fields.problem(CONTAINER, fields.key(CONTAINER) + " is required for ADLS generation 2");
        } else if (generation == 1 && fields.present(CONTAINER)) {
            fields.problem(CONTAINER, fields.key(CONTAINER) + " applies only to ADLS generation 2; remove it or set "
                    + fields.key(GENERATION) + "=2");
        }
        container.filter(c -> !CONTAINER_NAME.matcher(c).matches()).ifPresent(c -> fields.problem(CONTAINER,
                fields.key(CONTAINER) + " must be 3 to 63 lowercase letters, digits and single hyphens"));
        Optional<AzureAuth> auth = readAuth(fields);
        if (fields.hasProblems() || auth.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AdlsDataSource(name, fields.string(DataSourceConfig.DESCRIPTION), generation,
                fields.required(ACCOUNT_NAME), container, ObjectStoreConfig.path(fields),
                ObjectStoreConfig.endpoint(fields), auth.get(), fields.options()));
    }

    private static Optional<AzureAuth> readAuth(Fields fields) {
        // managed.identity.enabled=false is the same as not setting it, so it selects no mode.
        boolean managedIdentityOff = fields.has(MANAGED_IDENTITY_ENABLED) && !fields.bool(MANAGED_IDENTITY_ENABLED);
        if (managedIdentityOff && fields.present(MANAGED_IDENTITY_CLIENT_ID)) {
            fields.problem(MANAGED_IDENTITY_CLIENT_ID, fields.key(MANAGED_IDENTITY_CLIENT_ID) + " is set but "
                    + fields.key(MANAGED_IDENTITY_ENABLED) + " is false; remove one of them");
            return Optional.empty();
        }
        List<String> managedIdentity = managedIdentityOff ? List.of()
                : List.of(MANAGED_IDENTITY_ENABLED, MANAGED_IDENTITY_CLIENT_ID);
        Optional<Integer> mode = fields.atMostOne("authentication", List.of(SERVICE_PRINCIPAL, managedIdentity,
                List.of(ACCOUNT_KEY), List.of(SAS_TOKEN)));
        if (mode.isEmpty()) {
            return Optional.of(new AzureAuth.DefaultChain());
        }
        switch (mode.get()) {
            case 0:
                fields.allOrNone("a service principal", SERVICE_PRINCIPAL);
                if (!SERVICE_PRINCIPAL.stream().allMatch(fields::has)) {
                    return Optional.empty();
                }
                return Optional.of(new AzureAuth.ServicePrincipal(fields.required(TENANT_ID),
                        fields.required(CLIENT_ID), fields.secret(CLIENT_SECRET).get()));
            case 1:
                return Optional.of(new AzureAuth.ManagedIdentity(fields.string(MANAGED_IDENTITY_CLIENT_ID)));
            case 2:
                return fields.secret(ACCOUNT_KEY).map(AzureAuth.AccountKey::new);
            default:
                // Tokens are often copied with the '?' that separates them from a URL.
                return fields.secret(SAS_TOKEN).map(t -> new AzureAuth.SasToken(
                        Secret.of(t.reveal().startsWith("?") ? t.reveal().substring(1) : t.reveal())));
        }
    }
}
