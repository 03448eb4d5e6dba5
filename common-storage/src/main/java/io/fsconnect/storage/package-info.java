/**
 * Object stores behind one small interface, with one adapter per store.
 */
package io.fsconnect.storage;
