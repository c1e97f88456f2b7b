package io.transmute.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process, from {@code /proc/self/status} (Linux). */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** @return current resident set size in MiB, or -1 where /proc is unavailable */
    static double rssMb() {
        return field("VmRSS:");
    }

    /** @return peak resident set size in MiB, or -1 where /proc is unavailable */
    static double peakRssMb() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
