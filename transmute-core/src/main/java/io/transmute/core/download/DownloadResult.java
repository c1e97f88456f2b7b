package io.transmute.core.download;

import java.nio.file.Path;
import java.util.List;

/**
 * What a download left on disk.
 *
 * @param model the catalogue entry
 * @param directory the model's folder
 * @param files the model's files (for StarGAN, every file the archive held)
 * @param alreadyPresent true when the files were there and matched their record, so nothing was fetched
 * @param bytesFetched bytes received in this run
 */
public record DownloadResult(PretrainedModel model, Path directory, List<Path> files, boolean alreadyPresent,
        long bytesFetched) {
    /** Copies the list. */
    public DownloadResult {
        files = List.copyOf(files);
    }
}
