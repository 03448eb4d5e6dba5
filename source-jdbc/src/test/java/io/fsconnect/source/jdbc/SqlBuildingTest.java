package io.fsconnect.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlBuildingTest {

    @Test
    void theDialectFollowsTheUrl() {
        assertThat(Dialect.forUrl("jdbc:postgresql://h/db")).isInstanceOf(PostgresDialect.class);
        assertThat(Dialect.forUrl("jdbc:mariadb://h/db")).isInstanceOf(MySqlDialect.class);
        assertThat(Dialect.forUrl("JDBC:MYSQL://h/db")).isInstanceOf(MySqlDialect.class);
        assertThat(Dialect.forUrl("jdbc:sqlite:/tmp/x.db")).isInstanceOf(SqliteDialect.class);
        assertThat(Dialect.forUrl("jdbc:snowflake://acct")).isInstanceOf(AnsiDialect.class);
    }

    @Test
    void identifiersAreQuotedPerDatabaseWithQuotesEscaped() {
        assertThat(new PostgresDialect().quoteQualifiedName("sales.Orders")).isEqualTo("\"sales\".\"Orders\"");
        assertThat(new MySqlDialect().quoteQualifiedName("sales.orders")).isEqualTo("`sales`.`orders`");
        assertThat(new PostgresDialect().quoteIdentifier("we\"ird")).isEqualTo("\"we\"\"ird\"");
        assertThat(new MySqlDialect().quoteIdentifier("we`ird")).isEqualTo("`we``ird`");
    }

    @Test
    void anIncrementingQueryWrapsTheUsersSqlAndFiltersOutside() {
        SourceSpec query = new SourceSpec.Query("SELECT k, MAX(id) AS last_id FROM t GROUP BY k -- note\n;\n");
        SqlQuery sql = new IncrementingQueryMode("last_id").query(query, new MySqlDialect(),
            JdbcOffset.none().withIncrementing(41));
        assertThat(sql.sql()).isEqualTo("SELECT * FROM (SELECT k, MAX(id) AS last_id FROM t GROUP BY k -- note\n) "
            + "fsconnect_source WHERE `last_id` > ? ORDER BY `last_id` ASC");
        assertThat(sql.parameters()).containsExactly(41L);
    }

    @Test
    void withoutAnOffsetTheIncrementingQueryReadsFromTheStart() {
        SqlQuery sql = new IncrementingQueryMode("id").query(new SourceSpec.Table("public.orders"),
            new PostgresDialect(), JdbcOffset.none());
        assertThat(sql.sql()).isEqualTo("SELECT * FROM \"public\".\"orders\" ORDER BY \"id\" ASC");
        assertThat(sql.parameters()).isEmpty();
    }

    @Test
    void aBulkQueryRunsAsWritten() {
        SqlQuery sql = new BulkQueryMode().query(new SourceSpec.Query("SELECT a FROM t ORDER BY a;"),
            new PostgresDialect(), JdbcOffset.none());
        assertThat(sql).isEqualTo(new SqlQuery("SELECT a FROM t ORDER BY a", List.of()));
    }

    @Test
    void theSourcePartitionIsStableAndChangesWithTheQuery() {
        SourceSpec query = new SourceSpec.Query("SELECT 1");
        assertThat(query.partition()).isEqualTo(new SourceSpec.Query("  SELECT 1 ;").partition());
        assertThat(query.partition()).isNotEqualTo(new SourceSpec.Query("SELECT 2").partition());
        assertThat(query.partition().toMap().get("source"))
            .isEqualTo("query:e004ebd5b5532a4b85984a62f8ad48a81aa3460c1ca07701f386135d72cdecf5");
        assertThat(new SourceSpec.Table("orders").partition().toMap()).isEqualTo(Map.of("source", "table:orders"));
    }

    @Test
    void urlsAreShownWithoutCredentials() {
        assertThat(ConnectionOpener.redact("jdbc:postgresql://h:5432/db?user=a&password=p"))
            .isEqualTo("jdbc:postgresql://h:5432/db?...");
        assertThat(ConnectionOpener.redact("jdbc:mysql://bob:pw@h/db")).isEqualTo("jdbc:mysql://h/db");
        assertThat(ConnectionOpener.redact("jdbc:sqlserver://h;password=p")).isEqualTo("jdbc:sqlserver://h?...");
    }
}
