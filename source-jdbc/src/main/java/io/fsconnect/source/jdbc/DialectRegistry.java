package io.fsconnect.source.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The dialects registered through {@link ServiceLoader} in the plugin's class loader, loaded once.
 * Dialects from other jars are asked before the ones this plugin ships, so that a third party can
 * replace a built-in dialect; a URL no dialect accepts gets {@link AnsiDialect}.
 */
final class DialectRegistry {

    static final DialectRegistry INSTANCE = new DialectRegistry(load());

    private final List<Dialect> dialects;

    DialectRegistry(List<Dialect> dialects) {
        List<Dialect> ordered = new ArrayList<>();
        dialects.stream().filter(d -> !builtIn(d)).forEach(ordered::add);
        dialects.stream().filter(DialectRegistry::builtIn).forEach(ordered::add);
        this.dialects = List.copyOf(ordered);
    }

    /** The first dialect that accepts the (lower-case) URL, else ANSI SQL. */
    Dialect forUrl(String lowerCaseUrl) {
        return dialects.stream().filter(d -> d.accepts(lowerCaseUrl)).findFirst().orElseGet(AnsiDialect::new);
    }

    /** The registered dialects, third-party ones first. */
    List<Dialect> dialects() {
        return dialects;
    }

    private static boolean builtIn(Dialect dialect) {
        return dialect.getClass().getClassLoader() == DialectRegistry.class.getClassLoader()
            && dialect.getClass().getPackageName().equals(DialectRegistry.class.getPackageName());
    }

    private static List<Dialect> load() {
        List<Dialect> found = new ArrayList<>();
        try {
            ServiceLoader.load(Dialect.class, DialectRegistry.class.getClassLoader()).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new ConnectException("Cannot load the SQL dialects listed in META-INF/services/"
                + Dialect.class.getName() + ": " + e.getMessage() + "; fix or remove the jar that lists it", e);
        }
        return found;
    }
}
