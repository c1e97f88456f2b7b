package io.transmute.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;

/** Reading and atomic writing through the Hadoop {@link FileSystem} API, so {@code file://}, HDFS and S3A work. */
final class HadoopFiles {
    private HadoopFiles() {
    }

    /**
     * @param entries Hadoop settings
     * @return a configuration holding them
     */
    static Configuration configuration(Map<String, String> entries) {
        Configuration conf = new Configuration(false);
        entries.forEach(conf::set);
        return conf;
    }

    /**
     * Copies a local file to {@code target} under a hidden temporary name beside it, then renames it into place:
     * readers never see a partial output, and a task killed half way leaves no file under the output's name.
     *
     * @param local the finished local file
     * @param target where it goes
     * @param conf Hadoop settings
     */
    static void publish(Path local, org.apache.hadoop.fs.Path target, Configuration conf) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        if (fs instanceof ChecksumFileSystem c) {
            // no .crc files beside the outputs: translate writes none either
            fs = c.getRawFileSystem();
        }
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(),
                "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(tmp, true)) {
                Files.copy(local, out);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            moved = fs.rename(tmp, target);
            if (!moved) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
        } finally {
            if (!moved) {
                fs.delete(tmp, false);
            }
        }
    }

    /**
     * @param file a Hadoop path
     * @param conf Hadoop settings
     * @return the file's bytes
     */
    static byte[] readAll(org.apache.hadoop.fs.Path file, Configuration conf) {
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a Hadoop path
     * @param conf Hadoop settings
     * @return its SHA-256 as lower-case hex
     */
    static String sha256(org.apache.hadoop.fs.Path file, Configuration conf) throws IOException {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = file.getFileSystem(conf).open(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
