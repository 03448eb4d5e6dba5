package io.fsconnect.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.fsconnect.storage.ObjectExistsException;
import io.fsconnect.storage.ObjectUpload;
import io.fsconnect.storage.PartBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * An upload to a block blob. Bytes collect in one buffer of at most a block ({@link PartBuffer}); each full block
 * is staged at once, so memory stays at one block per open upload whatever the object's size. Closing stages the rest and commits the
 * block list, which makes the object visible in one step. An object that fits in one block is sent with a single
 * Put Blob instead. Staged blocks that are never committed stay invisible and the service discards them.
 */
final class AzureBlobUpload extends ObjectUpload {

    /** The service refuses a block list with more blocks than this. */
    static final int MAX_BLOCKS = 50_000;

    private final BlockBlobClient blob;
    private final String key;
    private final String location;
    private final int blockSize;
    private final boolean ifAbsent;
    // Unique per upload, so that a concurrent upload of the same key never commits this one's blocks.
    private final String uploadId = UUID.randomUUID().toString();
    private final List<String> blockIds = new ArrayList<>();
    private final PartBuffer buffer;
    private boolean finished;

    AzureBlobUpload(BlockBlobClient blob, String key, String location, int blockSize, boolean ifAbsent) {
        this.blob = blob;
        this.key = key;
        this.location = location;
        this.blockSize = blockSize;
        this.ifAbsent = ifAbsent;
        this.buffer = new PartBuffer(blockSize, this::stage);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public long bytesWritten() {
        return buffer.total();
    }

    @Override
    public void write(int b) throws IOException {
        // Format writers emit single bytes often; no array per byte.
        ensureOpen();
        buffer.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        buffer.write(bytes, offset, length);
    }

    @Override
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        // The service has no call to delete uncommitted blocks; they stay invisible and are discarded by it.
        buffer.release();
    }

    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (blockIds.isEmpty()) {
                putWhole();
            } else {
                buffer.sendRest();
                commit();
            }
        } catch (BlobStorageException e) {
            if (ifAbsent && isTaken(e)) {
                throw new ObjectExistsException(key, "Cannot create object " + key + ": it already exists in "
                        + location);
            }
            throw AzureBlobObjectStore.failure("complete upload of object " + key, location, e);
        } catch (RuntimeException e) {
            throw AzureBlobObjectStore.failure("complete upload of object " + key, location, e);
        } finally {
            buffer.release();
        }
    }

    private void putWhole() {
        BlockBlobSimpleUploadOptions options = new BlockBlobSimpleUploadOptions(
                BinaryData.fromByteBuffer(ByteBuffer.wrap(buffer.bytes(), 0, buffer.length())));
        if (ifAbsent) {
            options.setRequestConditions(absent());
        }
        blob.uploadWithResponse(options, null, Context.NONE);
    }

    private void commit() {
        BlockBlobCommitBlockListOptions options = new BlockBlobCommitBlockListOptions(blockIds);
        if (ifAbsent) {
            options.setRequestConditions(absent());
        }
        blob.commitBlockListWithResponse(options, null, Context.NONE);
    }

    private static BlobRequestConditions absent() {
        return new BlobRequestConditions().setIfNoneMatch("*");
    }

    /**
     * A conditional create loses with 409 or 412; when another writer committed first, this upload's blocks may
     * already be discarded, which the service reports as an invalid block list.
     */
    private boolean isTaken(BlobStorageException e) {
        if (e.getStatusCode() == 409 || e.getStatusCode() == 412) {
            return true;
        }
        if (!BlobErrorCode.INVALID_BLOCK_LIST.equals(e.getErrorCode())) {
            return false;
        }
        try {
            return blob.exists();
        } catch (RuntimeException existsFailed) {
            e.addSuppressed(existsFailed);
            return false;
        }
    }

    private void stage(byte[] bytes, int length) throws IOException {
        if (blockIds.size() == MAX_BLOCKS) {
            throw new IOException("Cannot write object " + key + " to " + location + ": it would need more than "
                    + MAX_BLOCKS + " blocks of " + blockSize + " bytes; use a larger block size");
        }
        String blockId = Base64.getEncoder().encodeToString(
                String.format("%s-%08d", uploadId, blockIds.size()).getBytes(StandardCharsets.US_ASCII));
        try {
            blob.stageBlock(blockId, BinaryData.fromByteBuffer(ByteBuffer.wrap(bytes, 0, length)));
        } catch (RuntimeException e) {
            finished = true;
            buffer.release();
            throw AzureBlobObjectStore.failure("stage block " + blockIds.size() + " of object " + key, location, e);
        }
        blockIds.add(blockId);
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException("Cannot write to object " + key + ": the upload to " + location
                    + " is already closed or aborted");
        }
    }
}
