package io.transmute.core.io;

import io.transmute.core.CheckpointException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks a checkpoint of any format Transmute reads from end to end: for a {@code torch.save} zip, the CRC-32 of
 * every record (not only those a state_dict refers to); for safetensors, the header and size invariants; for
 * every format, that all tensors decode and hold finite values.
 */
public final class CheckpointIntegrity {
    private CheckpointIntegrity() {
    }

    /**
     * What a verification found.
     *
     * @param format {@code torch.save zip}, {@code torch.save legacy} or {@code safetensors}
     * @param checkedRecords zip records whose CRC-32 was checked (0 for formats without checksums)
     * @param tensors tensors decoded, nested ones (optimizer state, several networks) included
     * @param values values in those tensors
     * @param nonFinite tensors holding NaN or infinite values, keyed by their path in the file
     */
    public record Report(String format, int checkedRecords, int tensors, long values,
            List<NonFiniteValues.Finding> nonFinite) {
        /** @return true when nothing is wrong */
        public boolean ok() {
            return nonFinite.isEmpty();
        }

        /** @return one line saying what was checked and what was found */
        public String summary() {
            String checks = checkedRecords > 0 ? checkedRecords + " zip records pass their CRC-32 check, "
                    : format.equals("safetensors") ? "header and data sizes consistent, "
                    : "no checksums in this format, ";
            String values = String.format(java.util.Locale.ROOT, "%d tensors (%,d values) decode", tensors,
                    this.values);
            return format + ": " + checks + values + (nonFinite.isEmpty() ? ", all values finite"
                    : "; " + nonFinite.size() + " tensor(s) hold NaN or infinite values: "
                    + NonFiniteValues.abbreviate(nonFinite));
        }
    }

    /**
     * Verifies a file.
     *
     * @param file a {@code .pth}/{@code .ckpt}/{@code .pt} or {@code .safetensors} file
     * @return what was checked and found; non-finite values are reported, not thrown
     * @throws CheckpointException when the file is missing, truncated, fails a CRC or is inconsistent
     */
    public static Report verify(Path file) {
        if (WeightFiles.isSafetensors(file)) {
            StateDict sd = SafeTensors.read(file);
            return report("safetensors", 0, sd.entries());
        }
        int records = isZip(file) ? checkAllRecords(file) : 0;
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        collect("", PthReader.readObject(file), tensors);
        return report(records > 0 ? "torch.save zip" : "torch.save legacy", records, tensors);
    }

    private static Report report(String format, int records, Map<String, TensorData> tensors) {
        long values = 0;
        for (TensorData t : tensors.values()) {
            values += t.numel();
        }
        return new Report(format, records, tensors.size(), values, NonFiniteValues.find(tensors));
    }

    private static boolean isZip(Path file) {
        try (InputStream s = Files.newInputStream(file)) {
            byte[] head = s.readNBytes(2);
            return head.length == 2 && head[0] == 'P' && head[1] == 'K';
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read (" + e.getMessage() + "); check the path");
        }
    }

    private static int checkAllRecords(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            int n = 0;
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (!e.isDirectory()) {
                    PthReader.readVerified(zip, e, file);
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            throw new CheckpointException(file + ": truncated or corrupt checkpoint (" + e.getMessage()
                    + "); copy or download it again", e);
        }
    }

    private static void collect(String path, Object o, Map<String, TensorData> out) {
        if (o instanceof TensorData t) {
            out.put(path.isEmpty() ? "<tensor>" : path, t);
        } else if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> collect(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, out));
        } else if (o instanceof List<?> l) {
            List<?> items = new ArrayList<>(l);
            for (int i = 0; i < items.size(); i++) {
                collect(path + "[" + i + "]", items.get(i), out);
            }
        }
    }
}
