package io.transmute.core.train;

import io.transmute.core.CheckpointException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An exclusive lock on a run folder for the life of a training run, so that two runs with the same
 * {@code --name} cannot overwrite each other's files. The operating system releases it when the process ends,
 * however it ends; the lock file itself stays and says which process held it last.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file in the run folder. */
    public static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final List<Path> removedTemporaries;

    private RunLock(FileChannel channel, FileLock lock, List<Path> removedTemporaries) {
        this.channel = channel;
        this.lock = lock;
        this.removedTemporaries = removedTemporaries;
    }

    /**
     * Takes the lock, creating the folder if needed, and then removes the temporary files ({@code .*.tmp}) that
     * a write killed part-way left behind: once the lock is held, no other process writes there, so every such
     * file older than the lock is stale.
     *
     * @param runDir {@code <checkpoints_dir>/<name>}
     * @return the lock; close it when the run ends
     * @throws CheckpointException when another process holds it (naming its pid) or the folder is not writable
     */
    public static RunLock acquire(Path runDir) {
        Path file = runDir.resolve(FILE);
        FileChannel ch = null;
        try {
            Files.createDirectories(runDir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = holder(ch);
                ch.close();
                throw new CheckpointException(runDir + " is in use by another training run (" + holder + "); wait"
                        + " for it to finish, stop it, or choose another --name");
            }
            String me = "pid " + ProcessHandle.current().pid() + " since " + Instant.now();
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            FileTime since = Files.getLastModifiedTime(file);
            return new RunLock(ch, l, removeStaleTemporaries(runDir, since));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new CheckpointException(runDir + ": cannot lock the run folder (" + e.getMessage() + "); check that"
                    + " it is writable", e);
        }
    }

    /** @return the stale temporary files removed when the lock was taken */
    public List<Path> removedTemporaries() {
        return List.copyOf(removedTemporaries);
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(256);
        ch.read(b, 0);
        String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? "pid unknown" : s;
    }

    private static List<Path> removeStaleTemporaries(Path runDir, FileTime lockTime) throws IOException {
        List<Path> removed = new ArrayList<>();
        // the report's web/ and web/images/ are written atomically too
        try (Stream<Path> s = Files.walk(runDir, 3)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(p)
                        && Files.getLastModifiedTime(p).compareTo(lockTime) <= 0) {
                    Files.deleteIfExists(p);
                    removed.add(p);
                }
            }
        }
        return removed;
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the open failure is what gets reported
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new CheckpointException("cannot release the run lock (" + e.getMessage() + ")", e);
        }
    }
}
