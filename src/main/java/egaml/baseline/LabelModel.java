package egaml.baseline;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import egaml.core.Logistic;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One label's logistic regression, through liblinear (the only class touching it): a liblinear model, or, when the
 * training rows hold one class only, a constant logit.
 *
 * @param model    the liblinear model, or null for a constant
 * @param constant the constant logit when {@code model} is null
 */
public record LabelModel(Model model, double constant) {
    /** liblinear's solvers draw from one process-wide generator: fits are serialised and it is reset before each. */
    private static final Object LIBLINEAR = new Object();

    static {
        Linear.disableDebugOutput();
    }

    /** Fits on the given rows of features {@code x} and 0/1 targets {@code y}; {@code c} is liblinear's C. */
    public static LabelModel fit(float[][] x, int[] y, int[] rows, BaselineSettings.Penalty penalty, double c) {
        int positives = 0;
        for (int r : rows) {
            positives += y[r];
        }
        if (positives == 0 || positives == rows.length) {
            double p = (positives + 0.5) / (rows.length + 1.0);
            return new LabelModel(null, Logistic.logit(p, 1e-7));
        }
        Problem problem = new Problem();
        problem.l = rows.length;
        problem.n = BinFeatures.COUNT + 1;
        problem.bias = 1;
        problem.x = new Feature[rows.length][];
        problem.y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            problem.x[i] = nodes(x[rows[i]]);
            problem.y[i] = y[rows[i]];
        }
        Parameter parameter = new Parameter(penalty == BaselineSettings.Penalty.L1 ? SolverType.L1R_LR : SolverType.L2R_LR,
                c, 0.01);
        Model model;
        synchronized (LIBLINEAR) {
            Linear.resetRandom();
            model = Linear.train(problem, parameter);
        }
        return new LabelModel(model, 0);
    }

    /** liblinear's own text format of the model (written only for the models that are saved), or null for a constant. */
    public String text() {
        if (model == null) {
            return null;
        }
        StringWriter w = new StringWriter();
        try {
            Linear.saveModel(w, model);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** Reads a saved model. */
    public static LabelModel of(String text, double constant) throws IOException {
        return text == null ? new LabelModel(null, constant) : new LabelModel(Linear.loadModel(new StringReader(text)), 0);
    }

    /** The logit of the positive class for one run's features. */
    public double logit(float[] features) {
        if (model == null) {
            return constant;
        }
        double[] dec = new double[1];
        Linear.predictValues(model, nodes(features), dec);
        return model.getLabels()[0] == 1 ? dec[0] : -dec[0];
    }

    /** Non-zero features as liblinear's 1-based sparse nodes. */
    static Feature[] nodes(float[] f) {
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < f.length; i++) {
            if (f[i] != 0) {
                out.add(new FeatureNode(i + 1, f[i]));
            }
        }
        return out.toArray(new Feature[0]);
    }
}
