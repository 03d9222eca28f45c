package egaml.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import egaml.core.AtomicFiles;
import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.core.Parallel;
import egaml.core.SeedSequence;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic EGA-MS dataset in the layout of the real one: {@code metadata.csv},
 * {@code <split>_labels.csv}, one CSV per run under {@code <split>_features/}, plus {@code truth.csv}
 * (set-up, ramp and species of every run) and {@code simulation.json} (the settings).
 * The folder is written under a temporary name and renamed into place when complete.
 */
public final class Simulator {
    private final SimulationConfig config;

    public Simulator(SimulationConfig config) {
        this.config = config;
    }

    /** Draws and renders one run into the stream; deterministic in (seed, index). */
    public SimulatedSample renderRun(int index, OutputStream out) throws IOException {
        SplittableRandom rng = new SeedSequence(config.seed()).random(index);
        boolean sam = switch (config.format()) {
            case COMMERCIAL -> false;
            case SAM -> true;
            case MIXED -> rng.nextDouble() < config.samFraction();
        };
        SampleDraw draw = new SampleDraw(rng, sam, config.labels());
        MessageDigest md5 = md5();
        RowWriter writer = new RowWriter(out, md5);
        RunRenderer renderer = new RunRenderer(draw, rng);
        if (sam) {
            renderer.writeSam(writer);
        } else {
            renderer.writeCommercial(writer);
        }
        long bytes = writer.finish();
        String id = sampleId(index);
        return new SimulatedSample(id, relativePath(id), HexFormat.of().formatHex(md5.digest()), draw.labels,
                sam ? InstrumentType.SAM_TESTBED : InstrumentType.COMMERCIAL, draw.instrument.setup(),
                draw.instrument.ramp(), draw.species, bytes,
                draw.releases.stream().map(r -> new ReleaseTruth(r.source, r.gas.name(), r.gas.mainIon(), r.tp, r.fwhm)).toList());
    }

    public String sampleId(int index) {
        int width = Math.max(4, Integer.toString(config.samples() - 1).length());
        return config.idPrefix() + String.format(Locale.ROOT, "%0" + width + "d", index);
    }

    private String relativePath(String id) {
        return config.split() + "_features/" + id + (config.gzip() ? ".csv.gz" : ".csv");
    }

    /**
     * Writes the whole dataset to {@code out}, which must not exist or be an empty folder (or is replaced
     * when {@code replace} is true, only after the new dataset is complete).
     *
     * @param progress called with 1 after each run
     */
    public List<SimulatedSample> write(Path out, boolean replace, int threads, IntConsumer progress) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !replace && !isEmptyDir(target)) {
            throw new IllegalArgumentException(target + " exists and is not empty (use --force to replace it)");
        }
        List<List<SimulatedSample>> written = new ArrayList<>();
        AtomicFiles.writeFolder(target, tmp -> {
            Files.createDirectories(tmp.resolve(config.split() + "_features"));
            List<SimulatedSample> samples = renderAll(tmp, threads, progress);
            writeTables(tmp, samples);
            written.add(samples);
        });
        return written.get(0);
    }

    private List<SimulatedSample> renderAll(Path dir, int threads, IntConsumer progress) throws IOException {
        List<Integer> indices = java.util.stream.IntStream.range(0, config.samples()).boxed().toList();
        try {
            return Parallel.map("simulate", threads, indices, index -> {
                Path file = dir.resolve(relativePath(sampleId(index)));
                try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                     OutputStream o = config.gzip() ? new FastGzip(raw) : raw) {
                    return renderRun(index, o);
                } finally {
                    progress.accept(1);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void writeTables(Path dir, List<SimulatedSample> samples) throws IOException {
        StringBuilder meta = new StringBuilder("sample_id,split,instrument_type,features_path,features_md5_hash\n");
        StringBuilder labels = new StringBuilder("sample_id," + String.join(",", Label.columnNames()) + "\n");
        StringBuilder truth = new StringBuilder("sample_id,instrument_type,setup,ramp_c_per_min,labels,species,releases\n");
        for (SimulatedSample s : samples) {
            meta.append(s.sampleId()).append(',').append(config.split()).append(',').append(s.instrumentType().code())
                    .append(',').append(s.relativePath()).append(',').append(s.md5()).append('\n');
            labels.append(s.sampleId());
            for (int v : s.labelVector()) {
                labels.append(',').append(v);
            }
            labels.append('\n');
            truth.append(s.sampleId()).append(',').append(s.instrumentType().code()).append(',').append(s.setup())
                    .append(',').append(String.format(Locale.ROOT, "%.2f", s.ramp())).append(",\"")
                    .append(String.join("+", s.labels().stream().map(Label::columnName).toList())).append("\",\"")
                    .append(String.join("; ", s.species())).append("\",\"")
                    .append(String.join("; ", s.releases().stream().map(ReleaseTruth::code).toList())).append("\"\n");
        }
        Files.writeString(dir.resolve("metadata.csv"), meta, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(config.split() + "_labels.csv"), labels, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("truth.csv"), truth, StandardCharsets.UTF_8);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("generator", "egaml simulate");
        info.put("egamlVersion", egaml.core.Version.current());
        info.put("samples", config.samples());
        info.put("seed", config.seed());
        info.put("format", config.format().name().toLowerCase(Locale.ROOT));
        info.put("samFraction", config.samFraction());
        info.put("gzip", config.gzip());
        info.put("split", config.split());
        info.put("idPrefix", config.idPrefix());
        info.put("parameters", "egaml.sim.ParameterTable (see shared/docs/ega-physics.md)");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("simulation.json").toFile(), info);
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** gzip at the fastest level: simulated runs are large and compress well even so. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
