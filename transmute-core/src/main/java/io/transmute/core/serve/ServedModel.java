package io.transmute.core.serve;

import io.transmute.core.DataException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.TransmuteException;
import io.transmute.core.infer.StarGanTranslator;
import io.transmute.core.infer.Translator;
import io.transmute.core.infer.TranslatorOptions;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.TensorData;
import io.transmute.core.io.WeightFiles;
import io.transmute.core.nn.ArchitectureInference;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.GivenGeneratorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A loaded model: a generator, both generators of a CycleGAN run, or a StarGAN generator, and how to route to it. */
final class ServedModel implements AutoCloseable {
    private static final String[] CYCLE_FILES = {"latest_net_G_A.pth", "latest_net_G_B.pth"};

    private final ModelInfo info;
    private final Map<String, Translator> generators;
    private final StarGanTranslator starGan;

    private ServedModel(ModelInfo info, Map<String, Translator> generators, StarGanTranslator starGan) {
        this.info = info;
        this.generators = generators;
        this.starGan = starGan;
    }

    /**
     * Loads a model's weights.
     *
     * @param source name and path
     * @param options device, eval mode, batch size, StarGAN names
     * @return the model
     */
    static ServedModel load(ModelSource source, ServeOptions options) {
        Path path = source.path();
        if (Files.isDirectory(path)) {
            return loadFolder(source, options);
        }
        if (!Files.isRegularFile(path)) {
            throw new DataException(path + ": no such weights file or checkpoint folder (--model " + source.name()
                    + "); check the path");
        }
        GeneratorSpec spec = ArchitectureInference.inferGenerator(WeightFiles.read(path),
                path.getFileName().toString());
        if (spec.type().family() == GeneratorType.Family.STARGAN) {
            StarGanTranslator t = StarGanTranslator.load(path, options.selectedAttrs(), options.device(),
                    options.precision());
            GeneratorSpec s = t.spec();
            ModelInfo info = new ModelInfo(source.name(), "stargan", s.netG(), s.ngf(), s.norm().cliName(), 3, 3,
                    List.of("AtoB"), t.attributeNames(), 4, 1, options.precision().cliName());
            return new ServedModel(info, Map.of(), t);
        }
        Translator t = Translator.load(path, translatorOptions(options));
        Map<String, Translator> g = new LinkedHashMap<>();
        g.put("AtoB", t);
        return new ServedModel(describe(source.name(), "generator", g), g, null);
    }

    private static ServedModel loadFolder(ModelSource source, ServeOptions options) {
        Path dir = source.path();
        Path a = dir.resolve(CYCLE_FILES[0]);
        Path b = dir.resolve(CYCLE_FILES[1]);
        Path single = dir.resolve("latest_net_G.pth");
        Map<String, Translator> g = new LinkedHashMap<>();
        try {
            if (Files.isRegularFile(a) && Files.isRegularFile(b)) {
                g.put("AtoB", Translator.load(a, translatorOptions(options)));
                g.put("BtoA", Translator.load(b, translatorOptions(options)));
                return new ServedModel(describe(source.name(), "cycle_gan", g), g, null);
            }
            if (Files.isRegularFile(single)) {
                g.put("AtoB", Translator.load(single, translatorOptions(options)));
                return new ServedModel(describe(source.name(), "generator", g), g, null);
            }
        } catch (TransmuteException e) {
            g.values().forEach(Translator::close);
            throw e;
        }
        throw new DataException(dir + ": no " + String.join(" and ", CYCLE_FILES) + " (a CycleGAN run) nor"
                + " latest_net_G.pth in this folder (--model " + source.name() + "); name a weights file instead");
    }

    private static TranslatorOptions translatorOptions(ServeOptions o) {
        return new TranslatorOptions(o.device(), o.eval(), null, GivenGeneratorOptions.NONE, o.maxBatch(),
                o.precision());
    }

    private static ModelInfo describe(String name, String kind, Map<String, Translator> generators) {
        Translator first = generators.values().iterator().next();
        for (Translator t : generators.values()) {
            int in = t.inputChannels();
            int out = t.outputChannels();
            if ((in != 1 && in != 3) || (out != 1 && out != 3)) {
                generators.values().forEach(Translator::close);
                throw new InvalidOptionException(t.source() + " maps " + in + " to " + out + " channels, which no"
                        + " image format holds; serve generators with 1 or 3 channels (translate arrays with"
                        + " 'transmute translate')");
            }
        }
        GeneratorSpec s = first.spec();
        int maxBatch = first.needsSingleImageBatches() ? 1 : first.options().batchSize();
        return new ModelInfo(name, kind, s.netG(), s.ngf(), s.norm().cliName(), first.inputChannels(),
                first.outputChannels(), List.copyOf(generators.keySet()), List.of(), first.sizeMultiple(), maxBatch,
                first.options().precision().cliName());
    }

    /** @return what the model is */
    ModelInfo info() {
        return info;
    }

    /**
     * Chooses the network and conditioning for a request.
     *
     * @param direction {@code AtoB}, {@code BtoA} or null
     * @param attrs StarGAN targets or null
     * @return the route
     * @throws ServiceException (400) for a direction the model lacks, or attributes it does not take
     */
    Route route(String direction, String attrs) {
        if (starGan != null) {
            if (direction != null && !direction.equals("AtoB")) {
                throw new ServiceException(ServiceException.Reason.BAD_REQUEST, "model " + info.name()
                        + " is a StarGAN generator with no direction; drop direction and give attrs");
            }
            if (attrs == null || attrs.isBlank()) {
                throw new ServiceException(ServiceException.Reason.BAD_REQUEST, "model " + info.name() + " needs"
                        + " attrs, e.g. attrs=" + starGan.attributeNames().get(0) + "=1; attributes: "
                        + String.join(" ", starGan.attributeNames()));
            }
            float[] labels;
            try {
                labels = starGan.targets(attrs);
            } catch (InvalidOptionException e) {
                throw new ServiceException(ServiceException.Reason.BAD_REQUEST, e.getMessage());
            }
            return new Route(info.name(), List.of(starGan, Arrays.toString(labels)), 3, 3, 1,
                    images -> List.of(starGan.translate(images.get(0), labels).planes()));
        }
        if (attrs != null) {
            throw new ServiceException(ServiceException.Reason.BAD_REQUEST, "model " + info.name() + " is a "
                    + info.architecture() + " generator, which takes no attrs; drop attrs");
        }
        String d = direction == null ? "AtoB" : direction;
        Translator t = generators.get(d);
        if (t == null) {
            throw new ServiceException(ServiceException.Reason.BAD_REQUEST, "model " + info.name() + " has no"
                    + " direction '" + d + "'; use " + String.join(" or ", generators.keySet()));
        }
        return new Route(info.name(), t, t.inputChannels(), t.outputChannels(), info.maxBatch(),
                images -> runBatch(t, images));
    }

    private static List<float[]> runBatch(Translator t, List<ImageData> images) {
        ImageData first = images.get(0);
        int per = first.planes().length;
        float[] all = new float[per * images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i).planes(), 0, all, i * per, per);
        }
        float[] out = t.translate(TensorData.ofFloats(all, images.size(), first.channels(), first.height(),
                first.width())).toFloats();
        int outPer = out.length / images.size();
        List<float[]> planes = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            planes.add(Arrays.copyOfRange(out, i * outPer, (i + 1) * outPer));
        }
        return planes;
    }

    /** Runs every network once, so that the first request does not pay for kernel selection and allocation. */
    void warmUp() {
        int side = (int) Math.max(64, info.sizeMultiple());
        List<Route> routes = new ArrayList<>();
        if (starGan != null) {
            routes.add(route(null, starGan.attributeNames().get(0)));
        } else {
            for (String d : generators.keySet()) {
                routes.add(route(d, null));
            }
        }
        for (Route r : routes) {
            int c = r.inputChannels();
            r.runner().run(List.of(new ImageData(c, side, side, new float[c * side * side], null, 8)));
        }
    }

    @Override
    public void close() {
        generators.values().forEach(Translator::close);
        if (starGan != null) {
            starGan.close();
        }
    }
}
