package io.fsconnect.testkit;

/**
 * One entry of {@code GET /connector-plugins}: the plugin's fully qualified class name, its type
 * ({@code source} or {@code sink}) and the version it reports.
 */
public record PluginInfo(String className, String type, String version) {
}
