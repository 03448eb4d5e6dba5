package io.fsconnect.storage;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The bytes of an upload's current part (an S3 part, an Azure block, a GCS staging buffer), for the adapters'
 * uploads. The buffer starts at 64 KiB and doubles up to the part size, so that many small objects open at once do
 * not each hold a whole part. A full part is handed to the {@link PartSender} only when one more byte arrives, so
 * the upload's last part is never empty; {@link #sendRest()} hands over what is left. After the sender returns the
 * part is emptied and its array reused, so a sender must have finished with the bytes by then (a retry that reads
 * them again may happen inside the sender). Used by the upload's writer thread only.
 */
public final class PartBuffer {

    private static final int FIRST_CAPACITY = 64 * 1024;

    private final int partSize;
    private final PartSender sender;
    private byte[] bytes = new byte[0];
    private int length;
    private long total;

    /** Receives each part of an upload. */
    @FunctionalInterface
    public interface PartSender {

        /** Sends the first {@code length} bytes of {@code bytes} as the next part. */
        void send(byte[] bytes, int length) throws IOException;
    }

    public PartBuffer(int partSize, PartSender sender) {
        if (partSize < 1) {
            throw new IllegalArgumentException("Cannot use part size " + partSize + ": it must be positive");
        }
        this.partSize = partSize;
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    public void write(int b) throws IOException {
        makeRoom(1);
        bytes[length++] = (byte) b;
        total++;
    }

    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            int chunk = makeRoom(len);
            System.arraycopy(b, off, bytes, length, chunk);
            length += chunk;
            total += chunk;
            off += chunk;
            len -= chunk;
        }
    }

    /** Sends the buffered bytes, if there are any, as the next part. */
    public void sendRest() throws IOException {
        if (length > 0) {
            send();
        }
    }

    /** The array holding the current part; its first {@link #length()} bytes are the part. */
    public byte[] bytes() {
        return bytes;
    }

    /** How many bytes the current part holds. */
    public int length() {
        return length;
    }

    /** How many bytes were written, sent or not. */
    public long total() {
        return total;
    }

    /** Drops the array, when the upload is finished, so that it can be collected while the upload is referenced. */
    public void release() {
        bytes = new byte[0];
        length = 0;
    }

    /** Sends a full part if needed, grows the array if it can, and returns how many of {@code wanted} bytes fit. */
    private int makeRoom(int wanted) throws IOException {
        if (length == partSize) {
            send();
        }
        if (length + wanted > bytes.length && bytes.length < partSize) {
            long grown = Math.max((long) bytes.length * 2, Math.max(FIRST_CAPACITY, length + (long) wanted));
            bytes = Arrays.copyOf(bytes, (int) Math.min(grown, partSize));
        }
        return Math.min(wanted, bytes.length - length);
    }

    private void send() throws IOException {
        sender.send(bytes, length);
        length = 0;
    }
}
