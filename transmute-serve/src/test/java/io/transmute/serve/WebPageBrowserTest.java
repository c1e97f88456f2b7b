package io.transmute.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageSamples;
import io.transmute.core.serve.ModelSource;
import io.transmute.core.serve.ServeOptions;
import io.transmute.core.serve.TranslationService;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), driven with Selenium:
 * pick an image, see it translated, download the result. Skipped, loudly, where Chromium is not installed, unless
 * {@code TRANSMUTE_REQUIRE_BROWSER} is set (as {@code .ci/run} does), which makes its absence a failure.
 */
class WebPageBrowserTest {
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private static Optional<Path> first(List<String> candidates) {
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    @Test
    void page_translatesAPickedImage_showsItBesideTheInput_andDownloadsIt(@TempDir Path dir) throws IOException {
        Optional<Path> browser = first(BROWSERS);
        Optional<Path> driverExe = first(DRIVERS);
        if (browser.isEmpty() || driverExe.isEmpty()) {
            String why = "WebPageBrowserTest SKIPPED: no headless Chromium here (looked for " + BROWSERS + " and "
                    + DRIVERS + "); install it with: apt-get install -y chromium chromium-driver";
            System.err.println(why);
            if (System.getenv("TRANSMUTE_REQUIRE_BROWSER") != null) {
                throw new AssertionError(why + " (TRANSMUTE_REQUIRE_BROWSER is set)");
            }
            Assumptions.abort(why);
        }
        Path weights = TestModels.resnet(dir, "page_net_G.pth", 21);
        Path image = dir.resolve("shapes.png");
        Files.write(image, TestModels.encode(TestModels.noise(48, 40, BufferedImage.TYPE_INT_RGB, 22), "png"));
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        try (TranslationService service = TranslationService.start(List.of(new ModelSource("shapes", weights)),
                ServeOptions.defaults());
                TranslationServer server = TranslationServer.start(service, new ServerOptions("127.0.0.1", 0, null,
                        1 << 20, null, Duration.ofSeconds(5)))) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(browser.get().toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1200,900",
                    "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            ChromeDriverService driverService = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driverExe.get().toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(driverService, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                driver.get("http://127.0.0.1:" + server.port() + "/");
                wait.until(d -> d.findElements(By.cssSelector("#model option")).size() == 1);
                assertThat(driver.findElement(By.id("model-info")).getText()).contains("resnet_6blocks")
                        .endsWith("float32");
                driver.findElement(By.id("file")).sendKeys(image.toString());
                wait.until(d -> d.findElement(By.id("download")).isDisplayed());
                WebElement result = driver.findElement(By.id("result"));
                JavascriptExecutor js = driver;
                wait.until(d -> ((Number) js.executeScript("return arguments[0].naturalWidth", result)).intValue()
                        > 0);
                assertThat(((Number) js.executeScript("return arguments[0].naturalWidth", result)).intValue())
                        .isEqualTo(48);
                assertThat(((Number) js.executeScript("return arguments[0].naturalHeight", result)).intValue())
                        .isEqualTo(40);
                assertThat(((Number) js.executeScript("return document.getElementById('input').naturalWidth"))
                        .intValue()).isEqualTo(48);
                assertThat(driver.findElement(By.id("timing")).getText()).contains("ms");
                assertThat(driver.findElement(By.id("message")).getText()).isEqualTo("done");
                Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
                Path keep = Path.of("target", "serve-page.png");
                Files.createDirectories(keep.getParent());
                Files.copy(shot, keep, StandardCopyOption.REPLACE_EXISTING);
                driver.findElement(By.id("download")).click();
                Path downloaded = downloads.resolve("shapes_shapes.png");
                wait.until(d -> Files.isRegularFile(downloaded) && notPartial(downloads));
                ImageSamples samples = ImageCodec.readSamples(downloaded);
                assertThat(samples.width()).isEqualTo(48);
                assertThat(samples.height()).isEqualTo(40);
            } finally {
                driver.quit();
            }
        }
    }

    private static boolean notPartial(Path downloads) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.noneMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        } catch (IOException e) {
            return false;
        }
    }
}
