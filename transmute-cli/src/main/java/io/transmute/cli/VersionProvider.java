package io.transmute.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the Transmute, engine and Java versions. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = TransmuteCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "transmute " + (v == null ? "dev" : v),
            "libtorch 2.10.0 (org.bytedeco:pytorch 2.10.0-1.5.13)",
            "java " + System.getProperty("java.version") + " (" + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ")"
        };
    }
}
