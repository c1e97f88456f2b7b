package io.transmute.core.download;

import io.transmute.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fetches catalogue models to where the reference's scripts put them. A transfer goes to {@code <file>.part}
 * beside the target and resumes from there ({@code Range}) after a cut; the finished file is renamed into place,
 * its SHA-256 recorded in {@link DownloadRecord} on the first download and checked against on every later one.
 * Nothing is fetched unless this class is asked to.
 */
public final class Downloader {
    private static final int BUFFER = 1 << 16;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final DownloadOptions options;
    private final DownloadListener listener;
    private final HttpClient client;

    /**
     * @param options where to, from where, timeouts, retries and proxies
     * @param listener hears the progress
     */
    public Downloader(DownloadOptions options, DownloadListener listener) {
        this.options = options;
        this.listener = listener;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(options.timeout())
                .proxy(options.proxy())
                .build();
    }

    /**
     * Makes sure a model is on disk: checks files already there against their record, else fetches them.
     *
     * @param model the catalogue entry
     * @return what is on disk
     * @throws DownloadException when the transfer fails or a file does not match its recorded SHA-256
     */
    public DownloadResult download(PretrainedModel model) {
        Path dir = model.directory(options.root());
        Optional<DownloadRecord> record = DownloadRecord.read(dir);
        if (record.isPresent() && !record.get().model().equals(model.qualifiedName())) {
            throw new DownloadException(dir + " already holds " + record.get().model() + ", not "
                    + model.qualifiedName() + " (the reference saves both there); download into another folder"
                    + " with --root");
        }
        if (record.isPresent() && !record.get().files().isEmpty()
                && record.get().files().keySet().stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
            return new DownloadResult(model, dir, verify(dir, record.get()), true, 0);
        }
        URI source = options.resolve(model.url());
        String partName = (model.isArchive() ? lastSegment(model.url()) : model.fileName()) + ".part";
        Path part = dir.resolve(partName);
        long fetched;
        try {
            Files.createDirectories(dir);
            fetched = fetch(model, source, part);
        } catch (IOException e) {
            throw new DownloadException(dir + ": cannot write (" + e.getMessage() + "); check that the folder is"
                    + " writable and the disk has space", e);
        }
        String partSha = sha256(part);
        Map<String, String> files = new LinkedHashMap<>();
        String archiveSha = null;
        if (model.isArchive()) {
            archiveSha = partSha;
            checkRecorded(record.map(DownloadRecord::archiveSha256).orElse(null), partSha, source, part);
            files.putAll(unzip(part, dir, source));
            deleteQuietly(part);
            for (Map.Entry<String, String> e : files.entrySet()) {
                checkRecorded(record.map(r -> r.files().get(e.getKey())).orElse(null), e.getValue(), source, null);
            }
        } else {
            checkRecorded(record.map(r -> r.files().get(model.fileName())).orElse(null), partSha, source, part);
            Path target = dir.resolve(model.fileName());
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new DownloadException(target + ": cannot move the finished download into place ("
                        + e.getMessage() + ")", e);
            }
            files.put(model.fileName(), partSha);
        }
        String when = record.map(DownloadRecord::downloaded).orElse(Instant.now().toString());
        new DownloadRecord(model.qualifiedName(), model.url().toString(), archiveSha, files, model.attributes(), when)
                .write(dir);
        List<Path> paths = files.keySet().stream().map(dir::resolve).toList();
        return new DownloadResult(model, dir, paths, false, fetched);
    }

    private static List<Path> verify(Path dir, DownloadRecord record) {
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, String> e : record.files().entrySet()) {
            Path f = dir.resolve(e.getKey());
            String now = sha256(f);
            if (!now.equals(e.getValue())) {
                throw new DownloadException(f + " changed since it was downloaded (SHA-256 " + abbrev(e.getValue())
                        + " recorded in " + DownloadRecord.FILE + ", " + abbrev(now) + " now); delete it to download"
                        + " it again");
            }
            out.add(f);
        }
        return out;
    }

    private static void checkRecorded(String recorded, String actual, URI source, Path discard) {
        if (recorded != null && !recorded.equals(actual)) {
            if (discard != null) {
                deleteQuietly(discard);
            }
            throw new DownloadException(source + " sent content whose SHA-256 " + abbrev(actual) + " differs from the "
                    + abbrev(recorded) + " recorded at the first download; the file changed at the source or on the"
                    + " way. Nothing was replaced; delete " + DownloadRecord.FILE + " to accept the new file");
        }
    }

    /** @return bytes received in this run */
    private long fetch(PretrainedModel model, URI source, Path part) throws IOException {
        String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return copyLocal(model, Path.of(source), part);
        }
        long fetched = 0;
        for (int attempt = 0; ; attempt++) {
            try {
                fetched += transfer(model, source, part);
                return fetched;
            } catch (Interrupted e) {
                fetched += e.received;
                long have = Files.exists(part) ? Files.size(part) : 0;
                if (attempt >= options.retries()) {
                    throw new DownloadException(model.qualifiedName() + ": " + e.getMessage() + " after "
                            + mb(have) + " of " + source + "; run the command again to resume", e.getCause());
                }
                listener.retrying(e.getMessage());
            }
        }
    }

    /** A transfer that stopped part way; what arrived is kept in the part file. */
    private static final class Interrupted extends Exception {
        private final long received;

        Interrupted(String message, long received, Throwable cause) {
            super(message, cause);
            this.received = received;
        }
    }

    private long transfer(PretrainedModel model, URI source, Path part) throws IOException, Interrupted {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder req = HttpRequest.newBuilder(source).timeout(options.timeout()).GET()
                .header("User-Agent", "transmute");
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new Interrupted("no answer within " + options.timeout().toSeconds() + " s", 0, e);
        } catch (IOException e) {
            throw new Interrupted("cannot reach " + source.getHost() + " (" + e + ")", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(model.qualifiedName() + ": interrupted", e);
        }
        int status = resp.statusCode();
        long total;
        boolean append;
        if (status == 206 && have > 0) {
            Matcher m = CONTENT_RANGE.matcher(resp.headers().firstValue("Content-Range").orElse(""));
            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                resp.body().close();
                Files.deleteIfExists(part);
                throw new Interrupted("the server resumed at another offset than asked", 0, null);
            }
            total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            append = true;
        } else if (status == 200) {
            total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            append = false;
            have = 0;
        } else if (status == 416 && have > 0) {
            // asked past the end: the part file already holds everything (or is stale); start over
            resp.body().close();
            Files.deleteIfExists(part);
            throw new Interrupted("the server could not resume (416)", 0, null);
        } else {
            resp.body().close();
            String hint = status == 404 ? "; check the name with 'transmute download --list', or the --mirror"
                    : status >= 500 ? "; the server has a problem, try again later or use --mirror" : "";
            throw new DownloadException(model.qualifiedName() + ": " + source + " answered HTTP " + status + hint);
        }
        listener.started(model.qualifiedName(), have, total);
        long received = 0;
        try (InputStream in = resp.body();
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            received = copyWatched(in, out);
        } catch (Stalled e) {
            throw new Interrupted("no data for " + options.timeout().toSeconds() + " s", e.received, e);
        } catch (IOException e) {
            throw new Interrupted("the connection broke (" + e.getMessage() + ")", Files.size(part) - have, e);
        } finally {
            listener.finished();
        }
        long size = Files.size(part);
        if (total >= 0 && size < total) {
            throw new Interrupted("the connection closed at " + mb(size) + " of " + mb(total), received, null);
        }
        return received;
    }

    /** A body that stopped arriving; the watchdog closed it. */
    private static final class Stalled extends IOException {
        private final long received;

        Stalled(long received, Throwable cause) {
            super("stalled", cause);
            this.received = received;
        }
    }

    /**
     * Copies a body, closing it when no byte arrives for the timeout: the JDK client bounds the wait for headers,
     * not for the body, so a server that stops mid-way would block the read forever.
     */
    private long copyWatched(InputStream in, OutputStream out) throws IOException {
        AtomicLong last = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long timeoutNanos = options.timeout().toNanos();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "download-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, options.timeout().toMillis() / 4);
        ScheduledFuture<?> check = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - last.get() > timeoutNanos && stalled.compareAndSet(false, true)) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the reading thread sees the closed stream and reports the stall
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        long received = 0;
        try {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                received += n;
                last.set(System.nanoTime());
                listener.advanced(n);
            }
            return received;
        } catch (IOException e) {
            if (stalled.get()) {
                throw new Stalled(received, e);
            }
            throw e;
        } finally {
            out.flush();
            check.cancel(false);
            watchdog.shutdownNow();
        }
    }

    private long copyLocal(PretrainedModel model, Path file, Path part) throws IOException {
        long total;
        try {
            total = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DownloadException(model.qualifiedName() + ": " + file + " does not exist in the mirror; it"
                    + " must hold the published paths, e.g. " + options.resolve(model.url()));
        }
        listener.started(model.qualifiedName(), 0, total);
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                listener.advanced(n);
            }
        } finally {
            listener.finished();
        }
        return total;
    }

    /** Unpacks every regular file of a zip into {@code dir}, each atomically; returns name to SHA-256. */
    private static Map<String, String> unzip(Path zip, Path dir, URI source) {
        Map<String, String> files = new LinkedHashMap<>();
        Path root = dir.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new DownloadException(source + " holds an entry '" + e.getName() + "' outside its folder;"
                            + " refusing to unpack it");
                }
                MessageDigest md = sha256();
                AtomicFiles.write(target, out -> {
                    DigestInputStream din = new DigestInputStream(in, md);
                    din.transferTo(out);
                });
                files.put(root.relativize(target).toString().replace('\\', '/'), HexFormat.of().formatHex(md.digest()));
            }
        } catch (IOException ex) {
            throw new DownloadException(source + " is not a readable zip archive (" + ex.getMessage() + ")", ex);
        }
        if (files.isEmpty()) {
            throw new DownloadException(source + " is an empty archive");
        }
        return files;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * @param file a file
     * @return its SHA-256, lower-case hex
     */
    static String sha256(Path file) {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new DownloadException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String abbrev(String sha) {
        return sha.substring(0, Math.min(12, sha.length())) + "…";
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String lastSegment(URI url) {
        String p = url.getPath();
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover part file is resumed or replaced by the next run
        }
    }
}
