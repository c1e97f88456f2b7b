package io.transmute.core.io;

import io.transmute.core.TransmuteException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers see either the old content or the complete new content, never a partial file:
 * the content goes to a temporary file in the target's folder, is flushed to disk, and is renamed over the
 * target. A crash or an exception while writing leaves an existing target untouched.
 */
public final class AtomicFiles {
    private static final int MAX_NAME_ATTEMPTS = 100;

    private AtomicFiles() {
    }

    /**
     * Writes a file atomically, creating missing parent folders.
     *
     * @param target the file to create or replace
     * @param body writes the complete content; it must not close the stream
     * @throws TransmuteException when the file cannot be written; an exception thrown by {@code body} is
     *     rethrown unchanged (wrapped only if it is an {@link IOException})
     */
    public static void write(Path target, IoConsumer<OutputStream> body) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = createTemp(dir, absolute.getFileName().toString());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.accept(out);
                out.flush();
                // without fsync a crash right after the rename can leave an empty or partial target on ext4/xfs
                channel.force(true);
            }
            move(temp, absolute);
            temp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new TransmuteException(target + ": cannot write (" + e + "); check that the folder is writable"
                    + " and the disk has space", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure matters more than a leftover temporary file
                }
            }
        }
    }

    /**
     * Writes bytes atomically.
     *
     * @param target the file to create or replace
     * @param bytes the complete content
     */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes text as UTF-8 atomically.
     *
     * @param target the file to create or replace
     * @param text the complete content
     */
    public static void writeString(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    // Files.createTempFile would make the file 0600, and the rename would carry that mode to the target;
    // CREATE_NEW gives the usual umask-based mode and still never reuses an existing name.
    private static Path createTemp(Path dir, String name) throws IOException {
        long seed = System.nanoTime() ^ Thread.currentThread().getId() << 48;
        for (int i = 0; ; i++) {
            Path temp = dir.resolve("." + name + "." + Long.toHexString(seed + i) + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (i >= MAX_NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // some network and FUSE file systems cannot rename atomically; a plain replace is the best left
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // The rename itself is durable only once the directory entry is flushed; not every platform allows
    // opening a directory, and the content is already safe, so a failure here is not an error.
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort, see above
        }
    }
}
