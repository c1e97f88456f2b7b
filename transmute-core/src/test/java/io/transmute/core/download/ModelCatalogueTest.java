package io.transmute.core.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.InvalidOptionException;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogueTest {
    @Test
    void catalogue_holdsTheReferenceModels() {
        assertThat(ModelCatalogue.all()).filteredOn(m -> m.family() == ModelFamily.CYCLEGAN).hasSize(18);
        assertThat(ModelCatalogue.all()).filteredOn(m -> m.family() == ModelFamily.PIX2PIX).hasSize(5);
        assertThat(ModelCatalogue.all()).filteredOn(m -> m.family() == ModelFamily.STARGAN).hasSize(2);
        assertThat(ModelCatalogue.find("horse2zebra").url()).hasToString(
                "http://efrosgans.eecs.berkeley.edu/cyclegan/pretrained_models/horse2zebra.pth");
        assertThat(ModelCatalogue.find("edges2shoes").directory(Path.of("r")))
                .isEqualTo(Path.of("r/checkpoints/edges2shoes_pretrained"));
        assertThat(ModelCatalogue.find("stargan:celeba-256x256-5attrs").directory(Path.of(".")))
                .isEqualTo(Path.of("./stargan_celeba_256/models"));
    }

    @Test
    void aNameBothProjectsPublish_needsAPrefix() {
        assertThatThrownBy(() -> ModelCatalogue.find("sat2map"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("cyclegan:sat2map or pix2pix:sat2map");
        assertThat(ModelCatalogue.find("pix2pix:sat2map").family()).isEqualTo(ModelFamily.PIX2PIX);
        assertThat(ModelCatalogue.find("cyclegan:facades_label2photo").family()).isEqualTo(ModelFamily.CYCLEGAN);
        assertThatThrownBy(() -> ModelCatalogue.find("horse2cat"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--list");
    }

    @Test
    void mirror_replacesSchemeAndHost_keepingThePath() {
        DownloadOptions o = new DownloadOptions(Path.of("."), URI.create("file:/srv/m/"), Duration.ofSeconds(1), 0,
                new EnvironmentProxySelector(Map.of()));
        assertThat(o.resolve(ModelCatalogue.find("horse2zebra").url()))
                .hasToString("file:/srv/m/cyclegan/pretrained_models/horse2zebra.pth");
        assertThat(o.resolve(ModelCatalogue.find("celeba-128x128-5attrs").url()))
                .hasToString("file:/srv/m/s/7e966qq0nlxwte4/celeba-128x128-5attrs.zip");
        assertThatThrownBy(() -> new DownloadOptions(Path.of("."), URI.create("ftp://h"), Duration.ofSeconds(1), 0,
                new EnvironmentProxySelector(Map.of())))
                .isInstanceOf(InvalidOptionException.class);
    }

    @Test
    void proxies_comeFromTheEnvironment_exceptForNoProxyHostsAndLoopback() {
        EnvironmentProxySelector s = new EnvironmentProxySelector(Map.of(
                "http_proxy", "http://proxy.example:3128", "HTTPS_PROXY", "secure.example:8443",
                "no_proxy", "internal.example,.corp"));
        Proxy p = s.select(URI.create("http://efrosgans.eecs.berkeley.edu/x")).get(0);
        assertThat(p.type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(p.address().toString()).contains("proxy.example").contains("3128");
        assertThat(s.select(URI.create("https://www.dropbox.com/s")).get(0).address().toString())
                .contains("secure.example").contains("8443");
        assertThat(s.select(URI.create("http://internal.example/a")).get(0)).isEqualTo(Proxy.NO_PROXY);
        assertThat(s.select(URI.create("http://files.corp/a")).get(0)).isEqualTo(Proxy.NO_PROXY);
        assertThat(s.select(URI.create("http://127.0.0.1:8080/a")).get(0)).isEqualTo(Proxy.NO_PROXY);
        assertThat(new EnvironmentProxySelector(Map.of()).select(URI.create("http://a.b/")).get(0))
                .isEqualTo(Proxy.NO_PROXY);
    }
}
