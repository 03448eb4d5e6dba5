package io.fsconnect.sink;

import io.fsconnect.auth.config.ConfigDefTables;
import io.fsconnect.auth.config.DataSourceReference;

/**
 * Renders the connector's configuration reference, in Markdown, from {@link ObjectStoreSinkConfig#CONFIG_DEF}: one
 * table per group, keys in their order within the group, so that CONFIG.md cannot drift from the code.
 */
final class ConfigReference {

    private ConfigReference() {
    }

    /** The reference document. */
    static String markdown() {
        return "# sink-object-store configuration\n\n"
                + "Generated from the code by `" + ConfigReference.class.getName()
                + "`; do not edit. Refresh with `mvn -pl sink-object-store -am test -Dtest=ConfigReferenceTest "
                + "-Dsurefire.failIfNoSpecifiedTests=false -Dfsconnect.docs.update=true`.\n\n"
                + "The store is a data source: `" + DataSourceReference.DATASOURCE
                + "` below, or inline `" + DataSourceReference.PREFIX
                + "*` keys as listed in common-auth/DATASOURCE-KEYS.md for the types `local`, `s3`, `adls` "
                + "and `gcs`. Keys of type `password` are never shown by Connect.\n"
                + ConfigDefTables.render(ObjectStoreSinkConfig.CONFIG_DEF);
    }
}
