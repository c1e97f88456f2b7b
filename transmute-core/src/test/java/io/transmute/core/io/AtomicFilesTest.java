package io.transmute.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.TransmuteException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    static long fileCount(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void write_createsParentFolders_andReplacesContent() throws IOException {
        Path target = tmp.resolve("a/b/run.json");

        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeBytes(target, new byte[] {1, 2, 3});

        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        assertThat(fileCount(target.getParent())).isEqualTo(1);
    }

    @Test
    void write_leavesTheOldTargetIntact_whenTheBodyThrows() throws IOException {
        Path target = tmp.resolve("latest_net_G.pth");
        AtomicFiles.writeString(target, "old weights");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IllegalStateException("disk on fire");
        })).isInstanceOf(IllegalStateException.class).hasMessage("disk on fire");

        assertThat(Files.readString(target)).isEqualTo("old weights");
        assertThat(fileCount(tmp)).as("temporary file removed").isEqualTo(1);
    }

    @Test
    void write_wrapsIoFailures_withThePath_andCreatesNothing() throws IOException {
        Path target = tmp.resolve("loss_log.txt");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            throw new IOException("No space left on device");
        })).isInstanceOf(TransmuteException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("No space left on device");

        assertThat(fileCount(tmp)).isZero();
    }

    @Test
    void write_givesTheUsualPermissions_notThoseOfATempFile() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path plain = Files.writeString(tmp.resolve("plain.txt"), "x");
        Path atomic = tmp.resolve("atomic.txt");

        AtomicFiles.writeString(atomic, "x");

        assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain));
    }
}
