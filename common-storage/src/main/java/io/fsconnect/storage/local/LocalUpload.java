package io.fsconnect.storage.local;

import io.fsconnect.storage.ObjectExistsException;
import io.fsconnect.storage.ObjectUpload;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** An upload to a hidden temporary file that is renamed (or linked) into place on close. */
final class LocalUpload extends ObjectUpload {

    enum Publish { REPLACE, IF_ABSENT }

    private static final String TEMPORARY_SUFFIX = ".partial";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final String key;
    private final Path target;
    private final Path temporary;
    private final Publish publish;
    private final FileChannel channel;
    private final OutputStream out;
    private long bytesWritten;
    private boolean finished;

    private LocalUpload(String key, Path target, Path temporary, Publish publish, FileChannel channel) {
        this.key = key;
        this.target = target;
        this.temporary = temporary;
        this.publish = publish;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
    }

    static LocalUpload start(String key, Path target, Publish publish) throws IOException {
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(temporaryName(target.getFileName().toString()));
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new LocalUpload(key, target, temporary, publish, channel);
    }

    /** A leading dot hides it; the suffix keeps globs on the final extension from matching it. */
    static String temporaryName(String finalName) {
        return "." + finalName + "." + UUID.randomUUID() + TEMPORARY_SUFFIX;
    }

    static boolean isTemporaryName(String name) {
        return name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        out.write(b);
        bytesWritten++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        out.write(b, off, len);
        bytesWritten += len;
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    @Override
    public void abort() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            out.flush();
            // The object must survive a crash once it is visible: offsets are committed on that promise.
            channel.force(true);
            channel.close();
            if (publish == Publish.IF_ABSENT) {
                try {
                    Files.createLink(target, temporary);
                } catch (FileAlreadyExistsException e) {
                    throw new ObjectExistsException(key, "Cannot create object " + key + ": it already exists");
                }
                Files.delete(temporary);
            } else {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(target.getParent());
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temporary);
            if (e instanceof ObjectExistsException exists) {
                throw exists;
            }
            throw new IOException("Cannot complete upload of object " + key + " to " + target + ": " + e, e);
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException("Cannot write to object " + key + ": the upload is already closed or aborted");
        }
    }
}
