package io.transmute.core.eval;

import io.transmute.core.DataException;
import io.transmute.core.io.AtomicFiles;
import io.transmute.core.io.Dtype;
import io.transmute.core.io.Npy;
import io.transmute.core.io.TensorData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * FID statistics files: numpy {@code .npz} archives holding float64 arrays {@code mu} ({@code [dims]}) and
 * {@code sigma} ({@code [dims, dims]}), as pytorch-fid's {@code --save-stats} writes them and reads them in place of
 * a folder.
 */
public final class StatsFile {
    /** The extension that marks a statistics file on the command line. */
    public static final String EXTENSION = ".npz";

    private StatsFile() {
    }

    /**
     * @param path a command-line input
     * @return whether it names a statistics file rather than a folder
     */
    public static boolean isStatsFile(Path path) {
        return path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(EXTENSION);
    }

    /**
     * Reads statistics.
     *
     * @param file an {@code .npz} with {@code mu} and {@code sigma} (float32 or float64)
     * @return them, with a count of 0 (the file does not record it)
     * @throws DataException in one line when the file is missing, not an {@code .npz}, or lacks or mis-shapes the
     *     arrays
     */
    public static GaussianStats read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": no such statistics file; write one with --save_stats (or"
                    + " pytorch-fid's --save-stats)");
        }
        TensorData mu = null;
        TensorData sigma = null;
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4)
                        : e.getName();
                names.add(name);
                if (!name.equals("mu") && !name.equals("sigma")) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                TensorData t = Npy.decode(file + ":" + e.getName(), bytes);
                if (name.equals("mu")) {
                    mu = t;
                } else {
                    sigma = t;
                }
            }
        } catch (ZipException e) {
            throw new DataException(file + ": not an .npz archive (" + e.getMessage() + "); give the file"
                    + " numpy.savez or --save_stats wrote");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (mu == null || sigma == null) {
            throw new DataException(file + ": holds " + names + ", not the FID statistics mu and sigma; give a"
                    + " file --save_stats or pytorch-fid's --save-stats wrote");
        }
        long[] ms = mu.shape();
        long[] ss = sigma.shape();
        if (ms.length != 1 || ss.length != 2 || ss[0] != ms[0] || ss[1] != ms[0]) {
            throw new DataException(file + ": mu is " + Arrays.toString(ms) + " and sigma " + Arrays.toString(ss)
                    + "; expected [d] and [d, d]");
        }
        return new GaussianStats(0, doubles(mu, file), doubles(sigma, file));
    }

    /**
     * Writes statistics atomically, as float64 {@code mu.npy} and {@code sigma.npy} in a zip, which
     * {@code numpy.load} and pytorch-fid read.
     *
     * @param file the {@code .npz} to create or replace
     * @param stats the statistics
     */
    public static void write(Path file, GaussianStats stats) {
        int d = stats.dims();
        byte[] mu = Npy.encode(new TensorData(Dtype.FLOAT64, new long[] {d}, bytes(stats.mu())));
        byte[] sigma = Npy.encode(new TensorData(Dtype.FLOAT64, new long[] {d, d}, bytes(stats.sigma())));
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("mu.npy"));
            zip.write(mu);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("sigma.npy"));
            zip.write(sigma);
            zip.closeEntry();
            zip.finish();
        });
    }

    private static double[] doubles(TensorData t, Path file) {
        int n = Math.toIntExact(t.numel());
        ByteBuffer b = ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[n];
        switch (t.dtype()) {
            case FLOAT64 -> b.asDoubleBuffer().get(out);
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getFloat(4 * i);
                }
            }
            default -> throw new DataException(file + ": mu and sigma are " + t.dtype()
                    + "; expected float64 or float32");
        }
        return out;
    }

    private static byte[] bytes(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return b.array();
    }
}
