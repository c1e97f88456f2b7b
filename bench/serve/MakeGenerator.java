import io.transmute.core.io.PthWriter;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes a randomly initialised generator (same cost per image as a trained one) and a noise PNG for the load
 * benchmark. Usage: java -cp 'transmute-cli/target/lib/*' bench/serve/MakeGenerator.java OUT_DIR NETG NGF SIZE
 */
public final class MakeGenerator {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int size = Integer.parseInt(args[3]);
        Torch.init();
        Torch.seed(1);
        try (Net g = GeneratorSpec.of(args[1], 3, 3, Integer.parseInt(args[2]), NormType.INSTANCE, false,
                UpsampleType.DECONV).build()) {
            PthWriter.write(out.resolve("latest_net_G.pth"), ModuleWeights.export(g));
        }
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(2);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.setRGB(x, y, r.nextInt());
            }
        }
        ImageIO.write(img, "png", new File(out.resolve("input.png").toString()));
        System.out.println("wrote " + out.resolve("latest_net_G.pth") + " and " + out.resolve("input.png"));
    }
}
