package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

class OffsetAndErrorHandlingTest {

    private static final SourcePartition PARTITION = new SourcePartition("table:orders");

    @Test
    void storedOffsetsParseToTypedOffsets() {
        assertThat(OffsetLoader.parse(PARTITION, null)).isEqualTo(JdbcOffset.none());
        assertThat(OffsetLoader.parse(PARTITION, Map.of())).isEqualTo(JdbcOffset.none());
        assertThat(OffsetLoader.parse(PARTITION, Map.of("incrementing", 7))).isEqualTo(JdbcOffset.none().withIncrementing(7));
        assertThat(OffsetLoader.parse(PARTITION, Map.of("incrementing", "8"))).isEqualTo(JdbcOffset.none().withIncrementing(8));
        assertThat(JdbcOffset.none().withIncrementing(9).toMap()).isEqualTo(Map.of("incrementing", 9L));
    }

    @Test
    void aFractionalOffsetIsRejected() {
        assertThatThrownBy(() -> OffsetLoader.parse(PARTITION, Map.of("incrementing", 1.5)))
            .isInstanceOf(ConnectException.class).hasMessageStartingWith("Cannot load the offset of table:orders");
    }

    @Test
    void connectionFailuresAreRetriable() {
        ConnectException error = SqlErrorHandler.handle("read table t", new SQLException("refused", "08001"));
        assertThat(error).isInstanceOf(RetriableException.class).hasMessageStartingWith("Cannot read table t");
        assertThat(SqlErrorHandler.handle("read", new SQLException("deadlock", "40P01"))).isInstanceOf(RetriableException.class);
    }

    @Test
    void rejectedCredentialsAreFatalAndSayWhatToCheck() {
        ConnectException error = SqlErrorHandler.handle("connect to jdbc:postgresql://h/db",
            new SQLException("password authentication failed for user \"bob\"", "28P01"));
        assertThat(error).isNotInstanceOf(RetriableException.class)
            .hasMessageContaining("connection.user").hasMessageContaining("connection.password");
    }

    @Test
    void timeoutsAreFatalAndNameTheTimeoutKey() {
        assertThat(SqlErrorHandler.handle("read", new SQLTimeoutException("timeout")))
            .isNotInstanceOf(RetriableException.class).hasMessageContaining("query.timeout.ms");
        assertThat(SqlErrorHandler.handle("read", new SQLException("canceling statement", "57014")))
            .hasMessageContaining("query.timeout.ms");
    }

    @Test
    void otherFailuresAreFatal() {
        assertThat(SqlErrorHandler.handle("read", new SQLException("relation does not exist", "42P01")))
            .isNotInstanceOf(RetriableException.class).hasMessageContaining("42P01");
    }
}
