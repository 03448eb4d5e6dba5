package io.fsconnect.auth.check;

import io.fsconnect.auth.JdbcAuth;
import io.fsconnect.auth.JdbcDataSource;
import io.fsconnect.auth.Options;
import io.fsconnect.auth.Secret;
import io.fsconnect.testkit.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDBC connection check against a real PostgreSQL with password authentication. */
class JdbcConnectionCheckIT {

    private static PostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theRightPasswordPasses() {
        assertThat(ConnectionCheck.defaults().check(database(postgres.jdbcUrl(), postgres.password()))).isEmpty();
    }

    @Test
    void aWrongPasswordIsReportedOnThePasswordWithoutItsValue() {
        String wrong = "planted-wrong-password-" + System.nanoTime();
        List<Problem> problems = ConnectionCheck.defaults().check(database(postgres.jdbcUrl(), wrong));

        assertThat(problems).as("%s", problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("connection.password");
            assertThat(problem.message()).startsWith("Cannot sign in to " + postgres.jdbcUrl() + " as user "
                    + postgres.user()).contains("SQLState 28P01", "connection.password").doesNotContain(wrong);
        });
    }

    @Test
    void aDatabaseNobodyListensForIsReportedOnTheUrl() {
        String url = "jdbc:postgresql://127.0.0.1:1/" + postgres.database();
        List<Problem> problems = ConnectionCheck.defaults().check(database(url, postgres.password()));

        assertThat(problems).as("%s", problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("connection.url");
            assertThat(problem.message()).startsWith("Cannot connect to " + url).contains("SQLState 08")
                    .doesNotContain(postgres.password());
        });
    }

    private static JdbcDataSource database(String url, String password) {
        return new JdbcDataSource("orders", Optional.empty(), url, Optional.empty(),
                new JdbcAuth.UserPassword(postgres.user(), Optional.of(Secret.of(password))), Options.none());
    }
}
