/**
 * Reading data sources from flat configurations. Each kind's keys are one {@link org.apache.kafka.common.config.ConfigDef}
 * ({@link io.fsconnect.auth.config.DataSourceConfig#configDef}), assembled from a fragment class per kind; the parser
 * ({@link io.fsconnect.auth.config.DataSourceParser}) checks every key and every cross-key rule and reports all
 * problems at once, per key, never quoting a secret. The key reference ({@code DATASOURCE-KEYS.md}) is generated from
 * the same definitions by {@link io.fsconnect.auth.config.DataSourceKeyReference}.
 */
package io.fsconnect.auth.config;
