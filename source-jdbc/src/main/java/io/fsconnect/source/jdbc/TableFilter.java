package io.fsconnect.source.jdbc;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides which tables {@code table.include.list} and {@code table.exclude.list} select: a table is
 * selected when an include expression matches its whole qualified name ({@code schema.table}) or
 * its bare name, and no exclude expression does.
 *
 * @param include the include expressions; never empty when tables are discovered
 * @param exclude the exclude expressions
 */
record TableFilter(List<Pattern> include, List<Pattern> exclude) {

    TableFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    static TableFilter of(List<String> include, List<String> exclude) {
        return new TableFilter(include.stream().map(r -> Pattern.compile(r.strip())).toList(),
            exclude.stream().map(r -> Pattern.compile(r.strip())).toList());
    }

    /** Whether the table {@code schema.table} (schema may be empty) is read. */
    boolean selects(String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        String bare = qualifiedName.substring(dot + 1);
        return matchesAny(include, qualifiedName, bare) && !matchesAny(exclude, qualifiedName, bare);
    }

    private static boolean matchesAny(List<Pattern> patterns, String qualified, String bare) {
        return patterns.stream().anyMatch(p -> p.matcher(qualified).matches() || p.matcher(bare).matches());
    }
}
