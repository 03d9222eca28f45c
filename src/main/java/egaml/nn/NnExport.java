package egaml.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import egaml.core.AtomicFiles;
import egaml.core.CsvFiles;
import egaml.core.SeedSequence;
import egaml.ingest.CleanRun;
import org.apache.commons.csv.CSVPrinter;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The NN member's networks as NumPy arrays, for tools outside egaml ({@code tools/nn_from_npz.py} loads them into
 * PyTorch). Each snapshot of each fold model becomes {@code weights/<snapshot>.npz} with one named array per parameter,
 * in the reference layout of method.md 5.1 (documented in {@code nn_export.json}). Given runs, the export also holds
 * the networks' inputs per configuration and egaml's own logits for every snapshot, so that the other tool can show it
 * computes the same function.
 */
public final class NnExport {
    public static final String MANIFEST = "nn_export.json";

    private NnExport() {
    }

    /** The name of a snapshot inside an export (also the npz array name of its expected logits). */
    public static String snapshotName(NnFoldModel model, int snapshot) {
        String file = model.fileName(snapshot);
        return file.substring(0, file.length() - ".params".length());
    }

    /**
     * Writes the export of {@code member} to the folder {@code out}, atomically; with {@code runs} (may be empty) also
     * the inputs and egaml's logits for them.
     */
    public static void write(Path out, NnMember member, List<CleanRun> runs) throws IOException {
        AtomicFiles.writeFolder(out, tmp -> {
            Files.createDirectories(tmp.resolve("weights"));
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.put("format", "egaml-nn-export");
            root.put("formatVersion", 1);
            root.put("egamlVersion", egaml.core.Version.current());
            root.put("seed", member.seed());
            root.set("layout", layout(json));
            ArrayNode configs = root.putArray("configurations");
            for (int c = 0; c < member.configurations().size(); c++) {
                NnConfig config = member.configurations().get(c);
                ObjectNode node = configs.addObject();
                node.put("index", c);
                node.put("family", config.family());
                node.put("scalings", config.scalings().size());
                node.put("gridOffset", config.gridOffset());
                NnActivation act = config.architecture().activation();
                node.put("activation", act.kind().name().toLowerCase(java.util.Locale.ROOT));
                // the slope and epsilon as egaml applies them: single-precision values
                node.put("negativeSlopeAtPrediction", (double) (float) act.inferenceSlope());
                node.put("groupNormEpsilon", (double) GroupNorm.EPSILON);
                if (!runs.isEmpty()) {
                    node.put("inputs", "inputs_c" + c + ".npz");
                }
            }
            ArrayNode snapshots = root.putArray("snapshots");
            try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
                for (NnFoldModel m : member.models()) {
                    NnConfig config = member.configurations().get(m.configuration());
                    for (int s = 0; s < m.snapshots().size(); s++) {
                        String name = snapshotName(m, s);
                        ObjectNode node = snapshots.addObject();
                        node.put("name", name);
                        node.put("configuration", m.configuration());
                        node.put("family", config.family());
                        node.put("repeat", m.repeat());
                        node.put("fold", m.fold());
                        node.put("snapshot", s);
                        node.put("snapshotsOfFoldModel", m.snapshots().size());
                        node.put("weights", "weights/" + name + ".npz");
                        try (NDManager local = manager.newSubManager()) {
                            EgaNet net = load(local, config, m, s);
                            NDList arrays = new NDList();
                            for (Parameter p : net.parameterList()) {
                                NDArray a = p.getArray().duplicate();
                                a.setName(p.getName());
                                arrays.add(a);
                            }
                            writeNpz(tmp.resolve(node.get("weights").asText()), arrays);
                        }
                    }
                }
                if (!runs.isEmpty()) {
                    writeInputsAndLogits(tmp, member, runs, manager);
                    root.put("expectedLogits", "expected_logits.npz");
                    root.put("expectedLogitsFloat64", "expected_logits_float64.npz");
                    root.put("sampleIds", "sample_ids.csv");
                }
            }
            json.writeValue(tmp.resolve(MANIFEST).toFile(), root);
        });
    }

    private static ObjectNode layout(ObjectMapper json) {
        ObjectNode l = json.createObjectNode();
        l.put("input", "per configuration, x[sample, scaling, m/z 0-99, temperature step 0-39], float32");
        l.put("stem_d<d>", "[8, 1, 3] convolution over temperature, stride 2, dilation d, 'same' zero padding "
                + "(TensorFlow style: the extra pad on the right), no bias, shared by every m/z and scaling");
        l.put("norm1", "GroupNorm with 7 groups (one per dilation) over the 56 x scalings channels ordered (dilation, "
                + "scaling, filter), eps groupNormEpsilon, then the activation");
        l.put("conv2", "[16, 56 x scalings, 3] convolution, stride 2, 'same' padding, no bias; norm2: GroupNorm 8 groups; "
                + "activation");
        l.put("ion_linear", "[256, 100] linear across m/z for every (sample, conv2 channel, position); norm3: GroupNorm "
                + "8 groups over the 256 features; activation");
        l.put("head", "head_weight [10, 40960] over (conv2 channel, position, feature) flattened, plus head_bias");
        l.put("activation", "leaky or randomized ReLU; at prediction both are x if x >= 0 else slope * x, with "
                + "negativeSlopeAtPrediction of the configuration");
        l.put("foldModelLogits", "the mean over a fold model's snapshots; a family's logits are the mean over its fold "
                + "models");
        return l;
    }

    private static EgaNet load(NDManager manager, NnConfig config, NnFoldModel m, int s) throws IOException {
        EgaNet net = new EgaNet(config.architecture());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(m.snapshots().get(s)))) {
            net.load(manager, in);
        }
        return net;
    }

    private static void writeInputsAndLogits(Path tmp, NnMember member, List<CleanRun> runs, NDManager manager)
            throws IOException {
        SeedSequence seeds = new SeedSequence(member.seed());
        int n = runs.size();
        int[] rows = java.util.stream.IntStream.range(0, n).toArray();
        NDList expected = new NDList();
        NDList exact = new NDList();
        for (int c = 0; c < member.configurations().size(); c++) {
            NnConfig config = member.configurations().get(c);
            NnInputs inputs = NnInputs.of(runs, config, seeds.child(NnCrossValidation.INPUT_STREAM, c));
            int scalings = config.scalings().size();
            try (NDManager local = manager.newSubManager()) {
                float[] flat = new float[n * scalings * EgaNet.IONS * EgaNet.TEMPERATURES];
                for (int i = 0; i < n; i++) {
                    float[] x = inputs.values().get(i);
                    System.arraycopy(x, 0, flat, i * x.length, x.length);
                }
                NDArray x = local.create(flat, new Shape(n, scalings, EgaNet.IONS, EgaNet.TEMPERATURES));
                x.setName("x");
                writeNpz(tmp.resolve("inputs_c" + c + ".npz"), new NDList(x));
                int index = c;
                List<NnFoldModel> mine = member.models().stream().filter(m -> m.configuration() == index).toList();
                List<EgaNet> nets = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (NnFoldModel m : mine) {
                    for (int s = 0; s < m.snapshots().size(); s++) {
                        nets.add(load(local, config, m, s));
                        names.add(snapshotName(m, s));
                    }
                }
                float[][][] logits = NnModelTrainer.predict(local, nets, inputs, rows, scalings);
                for (int k = 0; k < nets.size(); k++) {
                    float[] values = new float[n * EgaNet.LABELS];
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(logits[k][i], 0, values, i * EgaNet.LABELS, EgaNet.LABELS);
                    }
                    NDArray a = manager.create(values, new Shape(n, EgaNet.LABELS));
                    a.setName(names.get(k));
                    expected.add(a);
                    NDArray d = manager.create(inDouble(local, nets.get(k), inputs, rows, scalings),
                            new Shape(n, EgaNet.LABELS));
                    d.setName(names.get(k));
                    exact.add(d);
                }
            }
        }
        writeNpz(tmp.resolve("expected_logits.npz"), expected);
        writeNpz(tmp.resolve("expected_logits_float64.npz"), exact);
        try (OutputStream os = Files.newOutputStream(tmp.resolve("sample_ids.csv")); CSVPrinter csv = CsvFiles.printer(os)) {
            csv.printRecord("row", "sample_id");
            for (int i = 0; i < n; i++) {
                csv.printRecord(i, runs.get(i).sampleId());
            }
        }
    }

    /**
     * The same network's logits computed by egaml's own arrangement in double precision (parameters and inputs
     * widened exactly): the function without float32 rounding, which another implementation in double reproduces to
     * about 1e-12, while two float32 computations of this network differ by up to ~1e-4 (GroupNorm divides
     * near-constant groups by sqrt(variance + 1e-5), which magnifies rounding up to ~300 times).
     */
    private static double[] inDouble(NDManager manager, EgaNet net, NnInputs inputs, int[] rows, int scalings) {
        double[] out = new double[rows.length * EgaNet.LABELS];
        boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try (NDManager m = manager.newSubManager()) {
            EgaNet wide = new EgaNet(net.architecture());
            for (int i = 0; i < net.parameterList().size(); i++) {
                wide.parameterList().get(i).setArray(net.parameterList().get(i).getArray()
                        .toType(ai.djl.ndarray.types.DataType.FLOAT64, true));
            }
            for (int start = 0; start < rows.length; start += NnModelTrainer.PREDICT_BATCH) {
                int[] batch = java.util.Arrays.copyOfRange(rows, start, Math.min(rows.length,
                        start + NnModelTrainer.PREDICT_BATCH));
                try (NDManager b = m.newSubManager()) {
                    NDArray taps = TapTable.build(b, inputs.select(batch), scalings, TapTable.InputDropout.NONE, null)
                            .toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
                    double[] logits = wide.logits(taps, false, null).toDoubleArray();
                    System.arraycopy(logits, 0, out, start * EgaNet.LABELS, logits.length);
                }
            }
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
        }
        return out;
    }

    private static void writeNpz(Path file, NDList arrays) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            arrays.encode(os, NDList.Encoding.NPZ);
        }
    }
}
