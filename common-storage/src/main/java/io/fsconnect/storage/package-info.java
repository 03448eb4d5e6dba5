/**
 * Object stores behind one small interface ({@link io.fsconnect.storage.ObjectStore}), with optional
 * abilities as separate interfaces and one adapter per store in its own subpackage.
 */
package io.fsconnect.storage;
