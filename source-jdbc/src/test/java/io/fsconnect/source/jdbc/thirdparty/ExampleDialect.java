package io.fsconnect.source.jdbc.thirdparty;

import io.fsconnect.source.jdbc.AnsiDialect;

/** A dialect from outside the plugin, registered through the test class path's service file. */
public class ExampleDialect extends AnsiDialect {

    @Override
    public boolean accepts(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:exampledb:") || jdbcUrl.startsWith("jdbc:postgresql://override");
    }

    @Override
    public String name() {
        return "Example";
    }

    @Override
    public char identifierQuote() {
        return '`';
    }
}
