package io.fsconnect.auth.config;

import io.fsconnect.auth.JdbcAuth;
import io.fsconnect.auth.JdbcDataSource;
import io.fsconnect.auth.Options;
import io.fsconnect.auth.Secret;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of a {@code jdbc} data source. Extra options are the driver properties. A password written into the URL
 * ({@code ?password=}, {@code ;password=} or {@code //user:password@}) or into {@code options.password} is taken out
 * and kept as a secret, so that the URL and the options can be shown safely.
 */
public final class JdbcConfig {

    public static final String CONNECTION_URL = "connection.url";
    public static final String CONNECTION_URL_DOC = "The JDBC URL, e.g. jdbc:postgresql://db:5432/sales.";

    public static final String CONNECTION_USER = "connection.user";
    public static final String CONNECTION_USER_DOC = "The database user.";

    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String CONNECTION_PASSWORD_DOC = "The database user's password.";

    public static final String DRIVER = "driver";
    public static final String DRIVER_DOC = "The JDBC driver class. Drivers on the plugin's class path register "
            + "themselves, so this is needed only for drivers that do not.";

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&;])password=([^&;]*)");
    private static final Pattern URL_USER = Pattern.compile("(?i)[?&;]user=([^&;]*)");
    private static final Pattern URL_USER_INFO = Pattern.compile("//([^/@:?;]+):([^/@?;]*)@");

    private JdbcConfig() {
    }

    static void define(ConfigDef def) {
        new KeyGroup(def, "Connection")
                .define(CONNECTION_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, KeyGroup.described("jdbc:...", JdbcConfig::validateUrl),
                        Importance.HIGH, CONNECTION_URL_DOC, Width.LONG, "JDBC URL")
                .define(DRIVER, Type.STRING, null, Importance.LOW, DRIVER_DOC, Width.LONG, "Driver class");
        new KeyGroup(def, "Authentication")
                .define(CONNECTION_USER, Type.STRING, null, Importance.HIGH, CONNECTION_USER_DOC, Width.MEDIUM, "User")
                .define(CONNECTION_PASSWORD, Type.PASSWORD, null, Importance.HIGH, CONNECTION_PASSWORD_DOC,
                        Width.MEDIUM, "Password");
    }

    static Optional<JdbcDataSource> read(Fields fields, String name) {
        String url = fields.required(CONNECTION_URL);
        Map<String, String> driverOptions = fields.mutableOptions();
        List<String> passwordKeys = new ArrayList<>();
        Optional<Secret> password = fields.secret(CONNECTION_PASSWORD);
        if (password.isPresent()) {
            passwordKeys.add(CONNECTION_PASSWORD);
        }
        String optionPassword = driverOptions.remove("password");
        if (optionPassword != null) {
            passwordKeys.add(DataSourceConfig.OPTIONS_PREFIX + "password");
            password = Optional.of(Secret.of(optionPassword));
        }
        if (url != null) {
            Optional<Secret> urlPassword = Optional.empty();
            Matcher userInfo = URL_USER_INFO.matcher(url);
            if (userInfo.find()) {
                urlPassword = Optional.of(Secret.of(userInfo.group(2)));
                url = url.substring(0, userInfo.start()) + "//" + userInfo.group(1) + "@" + url.substring(userInfo.end());
            }
            Matcher parameter = URL_PASSWORD.matcher(url);
            if (parameter.find()) {
                if (urlPassword.isPresent()) {
                    fields.problem(CONNECTION_URL, fields.key(CONNECTION_URL) + " holds two passwords; remove both "
                            + "and set " + fields.key(CONNECTION_PASSWORD));
                }
                String value = parameter.group(2);
                urlPassword = Optional.of(Secret.of(parameter.group(1).equals(";")
                        ? value : URLDecoder.decode(value, StandardCharsets.UTF_8)));
                url = withoutParameter(url, parameter);
            }
            if (urlPassword.isPresent()) {
                passwordKeys.add(CONNECTION_URL);
                password = urlPassword;
            }
        }
        if (passwordKeys.size() > 1) {
            fields.problem(passwordKeys, "Cannot take the database password from more than one place: it is set in "
                    + String.join(" and ", passwordKeys.stream().map(fields::key).toList())
                    + "; keep it in " + fields.key(CONNECTION_PASSWORD) + " only");
        }
        Optional<String> user = fields.string(CONNECTION_USER).or(() -> userInUrl(fields.required(CONNECTION_URL)));
        String optionUser = driverOptions.remove("user");
        if (optionUser != null) {
            if (user.isPresent() && !user.get().equals(optionUser)) {
                fields.problem(List.of(CONNECTION_USER, DataSourceConfig.OPTIONS_PREFIX + "user"),
                        "Cannot choose the database user: " + fields.key(CONNECTION_USER) + " and "
                                + fields.key(DataSourceConfig.OPTIONS_PREFIX + "user") + " differ; keep "
                                + fields.key(CONNECTION_USER) + " only");
            }
            user = Optional.of(optionUser);
        }
        if (password.isPresent() && user.isEmpty()) {
            fields.problem(passwordKeys.get(0), "A database password needs a user: set " + fields.key(CONNECTION_USER));
        }
        if (fields.hasProblems()) {
            return Optional.empty();
        }
        JdbcAuth auth = user.isPresent() ? new JdbcAuth.UserPassword(user.get(), password)
                : new JdbcAuth.DriverManaged();
        return Optional.of(new JdbcDataSource(name, fields.string(DataSourceConfig.DESCRIPTION), url,
                fields.string(DRIVER), auth, Options.of(driverOptions)));
    }

    /** The user a URL names, as {@code //user@host} or a {@code user} parameter; it stays in the URL. */
    private static Optional<String> userInUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher userInfo = URL_USER_INFO.matcher(url);
        if (userInfo.find()) {
            return Optional.of(userInfo.group(1));
        }
        Matcher parameter = URL_USER.matcher(url);
        return parameter.find() ? Optional.of(URLDecoder.decode(parameter.group(1), StandardCharsets.UTF_8))
                : Optional.empty();
    }

    private static String withoutParameter(String url, Matcher parameter) {
        String before = url.substring(0, parameter.start());
        String after = url.substring(parameter.end());
        if (parameter.group(1).equals("?")) {
            return after.startsWith("&") ? before + "?" + after.substring(1) : before + after;
        }
        return before + after;
    }

    private static void validateUrl(String name, Object value) {
        if (value != null && !((String) value).startsWith("jdbc:")) {
            throw new ConfigException(name, "(not shown)", "a JDBC URL starts with jdbc:");
        }
    }
}
