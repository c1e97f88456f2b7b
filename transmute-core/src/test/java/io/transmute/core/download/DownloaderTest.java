package io.transmute.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a loopback test server (through {@code --mirror}); nothing leaves the machine. */
class DownloaderTest {
    private static final String H2Z = "/cyclegan/pretrained_models/horse2zebra.pth";
    private static final String STARGAN_ZIP = "/s/7e966qq0nlxwte4/celeba-128x128-5attrs.zip";

    @TempDir
    Path root;
    LoopbackServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Downloader downloader(URI mirror, int retries, Duration timeout) {
        return new Downloader(new DownloadOptions(root, mirror, timeout, retries, ProxySelector.of(null)),
                DownloadListener.NONE);
    }

    private Downloader downloader(int retries) {
        return downloader(server.base(), retries, Duration.ofSeconds(10));
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Path h2zFile() {
        return root.resolve("checkpoints/horse2zebra_pretrained/latest_net_G.pth");
    }

    @Test
    void download_placesTheFileWhereTheReferenceDoes_andRecordsItsSha256_thenReusesIt() throws Exception {
        byte[] content = bytes(300_000, 1);
        server.put(H2Z, content);
        DownloadResult r = downloader(0).download(ModelCatalogue.find("horse2zebra"));
        assertThat(r.alreadyPresent()).isFalse();
        assertThat(r.files()).containsExactly(h2zFile());
        assertThat(Files.readAllBytes(h2zFile())).isEqualTo(content);
        DownloadRecord rec = DownloadRecord.read(h2zFile().getParent()).orElseThrow();
        assertThat(rec.files()).isEqualTo(Map.of("latest_net_G.pth", sha256(content)));
        assertThat(rec.model()).isEqualTo("cyclegan:horse2zebra");
        assertThat(Files.list(h2zFile().getParent())).noneMatch(p -> p.toString().endsWith(".part"));

        DownloadResult again = downloader(0).download(ModelCatalogue.find("horse2zebra"));
        assertThat(again.alreadyPresent()).isTrue();
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void download_resumesWithRange_afterTheConnectionIsCutHalfWay() throws Exception {
        byte[] content = bytes(400_000, 2);
        server.put(H2Z, content);
        server.cutNext(1);
        downloader(1).download(ModelCatalogue.find("horse2zebra"));
        assertThat(Files.readAllBytes(h2zFile())).isEqualTo(content);
        assertThat(server.requests).hasSize(2);
        // the server sends half and cuts; what arrived before the reset (at most that half) is kept and resumed
        String resumed = server.requests.get(1);
        assertThat(resumed).startsWith(H2Z + " bytes=").endsWith("-");
        long from = Long.parseLong(resumed.substring((H2Z + " bytes=").length(), resumed.length() - 1));
        assertThat(from).isPositive().isLessThanOrEqualTo(200_000);
    }

    @Test
    void download_keepsThePartialFile_whenOutOfRetries_andTheNextRunResumes() throws Exception {
        byte[] content = bytes(400_000, 3);
        server.put(H2Z, content);
        server.cutNext(1);
        assertThatThrownBy(() -> downloader(0).download(ModelCatalogue.find("horse2zebra")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("run the command again to resume");
        Path part = h2zFile().resolveSibling("latest_net_G.pth.part");
        // at most the half the server sent before cutting; a reset may drop what was still in flight
        long kept = Files.size(part);
        assertThat(kept).isPositive().isLessThanOrEqualTo(200_000);
        assertThat(h2zFile()).doesNotExist();
        downloader(0).download(ModelCatalogue.find("horse2zebra"));
        assertThat(Files.readAllBytes(h2zFile())).isEqualTo(content);
        assertThat(server.requests.get(1)).endsWith("bytes=" + kept + "-");
    }

    @Test
    void download_followsRedirects() throws Exception {
        byte[] content = bytes(10_000, 9);
        server.redirect(H2Z, "/elsewhere/h2z.pth");
        server.put("/elsewhere/h2z.pth", content);
        downloader(0).download(ModelCatalogue.find("horse2zebra"));
        assertThat(Files.readAllBytes(h2zFile())).isEqualTo(content);
        assertThat(server.requests).containsExactly(H2Z, "/elsewhere/h2z.pth");
    }

    @Test
    void download_ofAMissingFile_isAnErrorThatNamesTheStatus() {
        assertThatThrownBy(() -> downloader(2).download(ModelCatalogue.find("zebra2horse")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("--list");
        assertThat(server.requests).hasSize(1);
        assertThat(root.resolve("checkpoints/zebra2horse_pretrained/latest_net_G.pth")).doesNotExist();
    }

    @Test
    void aChangedFile_orDifferentContentFromTheServer_failsTheRecordedChecksum() throws Exception {
        byte[] content = bytes(100_000, 4);
        server.put(H2Z, content);
        downloader(0).download(ModelCatalogue.find("horse2zebra"));
        byte[] tampered = content.clone();
        tampered[500] ^= 1;
        Files.write(h2zFile(), tampered);
        assertThatThrownBy(() -> downloader(0).download(ModelCatalogue.find("horse2zebra")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("changed since it was downloaded");

        Files.delete(h2zFile());
        server.put(H2Z, bytes(100_000, 5));
        assertThatThrownBy(() -> downloader(0).download(ModelCatalogue.find("horse2zebra")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("recorded at the first download");
        assertThat(h2zFile()).doesNotExist();
        assertThat(h2zFile().resolveSibling("latest_net_G.pth.part")).doesNotExist();
    }

    @Test
    void starGanArchive_isUnpackedWhereTheReferenceDoes_withItsAttributesRecorded() throws Exception {
        byte[] g = bytes(50_000, 6);
        byte[] d = bytes(70_000, 7);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("200000-G.ckpt"));
            z.write(g);
            z.putNextEntry(new ZipEntry("200000-D.ckpt"));
            z.write(d);
        }
        server.put(STARGAN_ZIP, zip.toByteArray());
        DownloadResult r = downloader(0).download(ModelCatalogue.find("celeba-128x128-5attrs"));
        Path models = root.resolve("stargan_celeba_128/models");
        assertThat(r.directory()).isEqualTo(models);
        assertThat(Files.readAllBytes(models.resolve("200000-G.ckpt"))).isEqualTo(g);
        assertThat(Files.readAllBytes(models.resolve("200000-D.ckpt"))).isEqualTo(d);
        assertThat(models.resolve("celeba-128x128-5attrs.zip.part")).doesNotExist();
        DownloadRecord rec = DownloadRecord.read(models).orElseThrow();
        assertThat(rec.attributes()).containsExactly("Black_Hair", "Blond_Hair", "Brown_Hair", "Male", "Young");
        assertThat(rec.archiveSha256()).isEqualTo(sha256(zip.toByteArray()));
        assertThat(rec.files()).containsEntry("200000-G.ckpt", sha256(g));
    }

    @Test
    void aServerThatNeverAnswers_timesOut() throws Exception {
        // a listening socket nobody accepts from: the connection opens, the request goes out, no answer comes
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI mirror = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            long start = System.nanoTime();
            assertThatThrownBy(() -> downloader(mirror, 0, Duration.ofSeconds(1))
                    .download(ModelCatalogue.find("horse2zebra")))
                    .isInstanceOf(DownloadException.class)
                    .hasMessageContaining("no answer within 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void aFileMirror_readsThePublishedPathsBelowTheFolder() throws Exception {
        Path mirror = Files.createDirectories(root.resolve("mirror/pix2pix/models-pytorch"));
        byte[] content = bytes(20_000, 8);
        Files.write(mirror.resolve("sat2map.pth"), content);
        Path out = root.resolve("out");
        DownloadResult r = new Downloader(new DownloadOptions(out, root.resolve("mirror").toUri(),
                Duration.ofSeconds(5), 0, ProxySelector.of(null)), DownloadListener.NONE)
                .download(ModelCatalogue.find("pix2pix:sat2map"));
        assertThat(Files.readAllBytes(r.files().get(0))).isEqualTo(content);
        assertThat(r.files().get(0)).isEqualTo(out.resolve("checkpoints/sat2map_pretrained/latest_net_G.pth"));
        assertThatThrownBy(() -> new Downloader(new DownloadOptions(out, root.resolve("mirror").toUri(),
                Duration.ofSeconds(5), 0, ProxySelector.of(null)), DownloadListener.NONE)
                .download(ModelCatalogue.find("cyclegan:sat2map")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("already holds pix2pix:sat2map");
    }
}
