/**
 * Source connector that reads data-lake files from object stores into feature-group topics.
 */
package io.fsconnect.source.objectstore;
