/**
 * The {@link io.fsconnect.storage.ObjectStore} adapter for Azure Blob Storage and ADLS Gen2 accounts (through their
 * Blob endpoint). Only {@link io.fsconnect.storage.azure.AzureBlobObjectStore} is public.
 */
package io.fsconnect.storage.azure;
