package io.fsconnect.auth.config;

import io.fsconnect.auth.AwsAuth;
import io.fsconnect.auth.RedshiftAuth;
import io.fsconnect.auth.RedshiftDataSource;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a {@code redshift} data source. Either {@code database.password} or {@code iam.role} signs in; with
 * IAM, a temporary database password comes from GetClusterCredentials, for {@code database.user} unless the user is
 * created on the fly ({@code auto.create}).
 */
public final class RedshiftConfig {

    public static final String CLUSTER_IDENTIFIER = "cluster.identifier";
    public static final String CLUSTER_IDENTIFIER_DOC = "The cluster identifier, the first label of its host name.";

    public static final String DATABASE_ENDPOINT = "database.endpoint";
    public static final String DATABASE_ENDPOINT_DOC = "The rest of the cluster's host name after the identifier, "
            + "e.g. abc123xyz.eu-west-1.redshift.amazonaws.com.";

    public static final String DATABASE_NAME = "database.name";
    public static final String DATABASE_NAME_DOC = "The database.";

    public static final String DATABASE_PORT = "database.port";
    public static final String DATABASE_PORT_DOC = "The port the cluster listens on.";
    public static final int DATABASE_PORT_DEFAULT = RedshiftDataSource.DEFAULT_PORT;

    public static final String DATABASE_DRIVER = "database.driver";
    public static final String DATABASE_DRIVER_DOC = "The JDBC driver class.";
    public static final String DATABASE_DRIVER_DEFAULT = RedshiftDataSource.DEFAULT_DRIVER;

    public static final String REGION = "region";
    public static final String REGION_DOC = "The cluster's AWS region for IAM calls; taken from the endpoint when "
            + "not set.";

    public static final String TABLE = "table";
    public static final String TABLE_DOC = "A table to read, for data sources that stand for one table.";

    public static final String DATABASE_USER = "database.user";
    public static final String DATABASE_USER_DOC = "The database user. Required unless " + "auto.create"
            + " is true with IAM authentication.";

    public static final String DATABASE_PASSWORD = "database.password";
    public static final String DATABASE_PASSWORD_DOC = "The database user's password. Excludes " + AwsConfig.IAM_ROLE
            + ".";

    public static final String AUTO_CREATE = "auto.create";
    public static final String AUTO_CREATE_DOC = "With IAM authentication, create the database user if it does not "
            + "exist.";
    public static final boolean AUTO_CREATE_DEFAULT = false;

    public static final String DATABASE_GROUPS = "database.groups";
    public static final String DATABASE_GROUPS_DOC = "With IAM authentication, the database groups the user joins "
            + "for the session, separated by ',' or ':'.";

    public static final String DATABASE_CREDENTIALS_DURATION_SECONDS = "database.credentials.duration.seconds";
    public static final String DATABASE_CREDENTIALS_DURATION_SECONDS_DOC = "With IAM authentication, how long each "
            + "temporary database password is valid; refreshed before it expires.";
    public static final int DATABASE_CREDENTIALS_DURATION_SECONDS_DEFAULT = 900;

    private static final List<String> IAM_ONLY = List.of(AUTO_CREATE, DATABASE_GROUPS,
            DATABASE_CREDENTIALS_DURATION_SECONDS);

    private RedshiftConfig() {
    }

    static void define(ConfigDef def) {
        new KeyGroup(def, "Connection")
                .define(CLUSTER_IDENTIFIER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        CLUSTER_IDENTIFIER_DOC, Width.MEDIUM, "Cluster identifier")
                .define(DATABASE_ENDPOINT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        DATABASE_ENDPOINT_DOC, Width.LONG, "Endpoint")
                .define(DATABASE_NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, DATABASE_NAME_DOC,
                        Width.MEDIUM, "Database")
                .define(DATABASE_PORT, Type.INT, DATABASE_PORT_DEFAULT, ConfigDef.Range.between(1, 65_535),
                        Importance.MEDIUM, DATABASE_PORT_DOC, Width.SHORT, "Port")
                .define(DATABASE_DRIVER, Type.STRING, DATABASE_DRIVER_DEFAULT, Importance.LOW, DATABASE_DRIVER_DOC,
                        Width.LONG, "Driver class")
                .define(REGION, Type.STRING, null, Importance.LOW, REGION_DOC, Width.SHORT, "Region")
                .define(TABLE, Type.STRING, null, Importance.LOW, TABLE_DOC, Width.MEDIUM, "Table");
        KeyGroup auth = new KeyGroup(def, "Authentication")
                .define(DATABASE_USER, Type.STRING, null, Importance.HIGH, DATABASE_USER_DOC, Width.MEDIUM, "User")
                .define(DATABASE_PASSWORD, Type.PASSWORD, null, Importance.HIGH, DATABASE_PASSWORD_DOC, Width.MEDIUM,
                        "Password")
                .define(AUTO_CREATE, Type.BOOLEAN, AUTO_CREATE_DEFAULT, Importance.LOW, AUTO_CREATE_DOC, Width.SHORT,
                        "Create user")
                .define(DATABASE_GROUPS, Type.LIST, null, Importance.LOW, DATABASE_GROUPS_DOC, Width.LONG,
                        "Database groups")
                .define(DATABASE_CREDENTIALS_DURATION_SECONDS, Type.INT, DATABASE_CREDENTIALS_DURATION_SECONDS_DEFAULT,
                        ConfigDef.Range.between((int) RedshiftAuth.MIN_CREDENTIALS.toSeconds(),
                                (int) RedshiftAuth.MAX_CREDENTIALS.toSeconds()),
                        Importance.LOW, DATABASE_CREDENTIALS_DURATION_SECONDS_DOC, Width.SHORT,
                        "Credentials duration (s)");
        AwsConfig.defineRole(auth);
    }

    static Optional<RedshiftDataSource> read(Fields fields, String name) {
        Optional<RedshiftAuth> auth = readAuth(fields);
        if (fields.hasProblems() || auth.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RedshiftDataSource(name, fields.string(DataSourceConfig.DESCRIPTION),
                fields.required(CLUSTER_IDENTIFIER), fields.required(DATABASE_ENDPOINT), fields.integer(DATABASE_PORT),
                fields.required(DATABASE_NAME), fields.string(REGION), fields.string(TABLE),
                fields.stringOrDefault(DATABASE_DRIVER), auth.get(), fields.options()));
    }

    private static Optional<RedshiftAuth> readAuth(Fields fields) {
        boolean password = fields.present(DATABASE_PASSWORD);
        boolean iam = fields.present(AwsConfig.IAM_ROLE);
        if (password && iam) {
            fields.problem(List.of(DATABASE_PASSWORD, AwsConfig.IAM_ROLE), "Cannot combine "
                    + fields.key(DATABASE_PASSWORD) + " and " + fields.key(AwsConfig.IAM_ROLE)
                    + ": sign in with a password or with IAM, not both");
            return Optional.empty();
        }
        if (!password && !iam) {
            fields.problem(List.of(DATABASE_PASSWORD, AwsConfig.IAM_ROLE), "A Redshift data source needs a sign-in "
                    + "mode: set " + fields.key(DATABASE_PASSWORD) + " or " + fields.key(AwsConfig.IAM_ROLE));
            AwsConfig.readRole(fields, false);
            return Optional.empty();
        }
        Optional<String> user = fields.string(DATABASE_USER);
        if (password) {
            for (String key : IAM_ONLY) {
                if (fields.present(key)) {
                    fields.problem(key, fields.key(key) + " applies only to IAM authentication (" 
                            + fields.key(AwsConfig.IAM_ROLE) + ")");
                }
            }
            AwsConfig.readRole(fields, false);
            if (user.isEmpty()) {
                fields.problem(DATABASE_USER, fields.key(DATABASE_USER) + " is required with "
                        + fields.key(DATABASE_PASSWORD));
                return Optional.empty();
            }
            return fields.secret(DATABASE_PASSWORD).map(p -> new RedshiftAuth.Password(user.get(), p));
        }
        boolean autoCreate = fields.bool(AUTO_CREATE);
        if (user.isEmpty() && !autoCreate) {
            fields.problem(DATABASE_USER, fields.key(DATABASE_USER) + " is required unless " + fields.key(AUTO_CREATE)
                    + "=true");
        }
        Optional<AwsAuth.AssumeRole> role = AwsConfig.readRole(fields, false);
        if (role.isEmpty() || fields.hasProblems()) {
            return Optional.empty();
        }
        List<String> groups = fields.list(DATABASE_GROUPS).stream()
                .flatMap(g -> Arrays.stream(g.split(":")))
                .map(String::trim)
                .filter(g -> !g.isEmpty())
                .toList();
        return Optional.of(new RedshiftAuth.IamRole(role.get(), user, autoCreate, groups,
                Duration.ofSeconds(fields.integer(DATABASE_CREDENTIALS_DURATION_SECONDS))));
    }
}
