package io.fsconnect.auth.config;

import io.fsconnect.auth.JdbcAuth;
import io.fsconnect.auth.JdbcDataSource;
import io.fsconnect.auth.Secret;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.fsconnect.auth.config.Definitions.SECRET;
import static io.fsconnect.auth.config.Definitions.def;
import static io.fsconnect.auth.config.Definitions.errors;
import static io.fsconnect.auth.config.Definitions.valid;
import static io.fsconnect.auth.config.Definitions.with;
import static org.assertj.core.api.Assertions.assertThat;

class JdbcDataSourceTest {

    private static final Map<String, String> BASE = def("type", "jdbc", "name", "orders_pg",
            "connection.url", "jdbc:postgresql://db:5432/sales");

    @Test
    void userAndPassword() {
        JdbcDataSource jdbc = (JdbcDataSource) valid(with(BASE, "connection.user", "etl", "connection.password", SECRET,
                "driver", "org.postgresql.Driver", "options.sslmode", "require"));
        assertThat(jdbc.auth()).isEqualTo(new JdbcAuth.UserPassword("etl", Optional.of(Secret.of(SECRET))));
        assertThat(jdbc.driver()).contains("org.postgresql.Driver");
        assertThat(jdbc.connectionProperties()).containsEntry("user", "etl").containsEntry("password", SECRET)
                .containsEntry("sslmode", "require");
    }

    @Test
    void withoutCredentialsTheDriverDecides() {
        JdbcDataSource jdbc = (JdbcDataSource) valid(def("type", "jdbc", "name", "local_db",
                "connection.url", "jdbc:sqlite:/data/sales.db"));
        assertThat(jdbc.auth()).isEqualTo(new JdbcAuth.DriverManaged());
    }

    @Test
    void passwordInTheUrlIsTakenOutAndKeptSecret() {
        JdbcDataSource jdbc = (JdbcDataSource) valid(with(BASE, "connection.url",
                "jdbc:postgresql://db/sales?user=etl&password=" + SECRET + "&ssl=true"));
        assertThat(jdbc.url()).isEqualTo("jdbc:postgresql://db/sales?user=etl&ssl=true");
        assertThat(jdbc.auth()).isEqualTo(new JdbcAuth.UserPassword("etl", Optional.of(Secret.of(SECRET))));

        JdbcDataSource first = (JdbcDataSource) valid(with(BASE, "connection.user", "etl", "connection.url",
                "jdbc:postgresql://db/sales?password=" + SECRET + "&ssl=true"));
        assertThat(first.url()).isEqualTo("jdbc:postgresql://db/sales?ssl=true");

        JdbcDataSource sqlServer = (JdbcDataSource) valid(with(BASE, "connection.user", "etl", "connection.url",
                "jdbc:sqlserver://db:1433;databaseName=sales;password=" + SECRET + ";encrypt=true"));
        assertThat(sqlServer.url()).isEqualTo("jdbc:sqlserver://db:1433;databaseName=sales;encrypt=true");
        assertThat(sqlServer.connectionProperties()).containsEntry("password", SECRET);

        JdbcDataSource userInfo = (JdbcDataSource) valid(with(BASE, "connection.url",
                "jdbc:mysql://etl:" + SECRET + "@db:3306/sales"));
        assertThat(userInfo.url()).isEqualTo("jdbc:mysql://etl@db:3306/sales");
        assertThat(userInfo.auth()).isEqualTo(new JdbcAuth.UserPassword("etl", Optional.of(Secret.of(SECRET))));
    }

    @Test
    void passwordAmongTheDriverOptionsIsTakenOut() {
        JdbcDataSource jdbc = (JdbcDataSource) valid(with(BASE, "options.user", "etl", "options.password", SECRET));
        assertThat(jdbc.options().asMap()).isEmpty();
        assertThat(jdbc.auth()).isEqualTo(new JdbcAuth.UserPassword("etl", Optional.of(Secret.of(SECRET))));
    }

    @Test
    void passwordInTwoPlaces() {
        assertThat(errors(with(BASE, "connection.user", "etl", "connection.password", SECRET,
                "options.password", Definitions.SECRET_2)))
                .containsOnlyKeys("connection.password", "options.password");
        assertThat(errors(with(BASE, "connection.user", "etl", "connection.password", SECRET,
                "connection.url", "jdbc:postgresql://db/sales?password=" + Definitions.SECRET_2)))
                .containsOnlyKeys("connection.password", "connection.url");
    }

    @Test
    void passwordWithoutUser() {
        assertThat(errors(with(BASE, "connection.password", SECRET))).containsOnlyKeys("connection.password")
                .extractingByKey("connection.password").asList().first().asString().contains("connection.user");
    }

    @Test
    void urlIsRequiredAndMustBeJdbc() {
        assertThat(errors(def("type", "jdbc", "name", "x"))).containsOnlyKeys("connection.url");
        assertThat(errors(with(BASE, "connection.url", "postgresql://db/x?password=" + SECRET)))
                .containsOnlyKeys("connection.url");
    }
}
