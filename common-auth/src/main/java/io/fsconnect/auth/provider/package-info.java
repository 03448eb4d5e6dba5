/**
 * Named data sources, defined once by an operator and referred to by name from connector configs.
 *
 * <p><b>Design.</b> Definitions are files in one folder, {@code <name>.properties} each (a file per data source keeps
 * file permissions, edits and reviews per data source). Workers serve them through Kafka's own placeholder mechanism
 * with {@link io.fsconnect.auth.provider.DataSourceConfigProvider}: Connect resolves {@code ${provider:path:key}}
 * placeholders only inside the worker, when it starts a connector or task, and stores and shows the raw config. One
 * placeholder resolves to one value, so a whole data source travels in one value: {@code ${datasource:orders_pg}}
 * resolves to the encoded definition ({@link io.fsconnect.auth.config.DataSourceReference}), and
 * {@code ${datasource:orders_pg:<key>}} to a single key for configs that want one. Connect's
 * {@code AbstractHerder.reverseTransform} puts the raw placeholder back into every task config key that also appears
 * with a placeholder in the connector config, so a connector that copies the {@code datasource} key verbatim into its
 * task configs (and never writes a value derived from it there) keeps secrets out of the config topic and out of
 * {@code GET /connectors/{name}/tasks}. Connectors declare the key as {@code PASSWORD}, so the validate endpoint shows
 * it as {@code [hidden]}.
 *
 * <p><b>Limits.</b> Whoever may create connectors or call the validate endpoint on a worker can make it resolve any
 * data source defined on that worker (as with Kafka's file provider): protect the REST API, and give tenants that
 * must not share credentials their own Connect clusters.
 */
package io.fsconnect.auth.provider;
