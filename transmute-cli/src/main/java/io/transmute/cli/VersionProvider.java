package io.transmute.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reports the Transmute version of the build, and the engine and Java versions. */
final class VersionProvider implements IVersionProvider {
    /** @return the version the build wrote into {@code version.properties} */
    static String transmuteVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "");
            // an unfiltered resource (a build that skipped resource processing) still holds the placeholder
            return v.isEmpty() || v.startsWith("${") ? "unknown (built without Maven)" : v;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "transmute " + transmuteVersion(),
            "libtorch 2.10.0 (org.bytedeco:pytorch 2.10.0-1.5.13)",
            "java " + System.getProperty("java.version") + " (" + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ")"
        };
    }
}
