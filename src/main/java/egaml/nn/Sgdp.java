package egaml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;

import java.util.HashMap;
import java.util.Map;

/**
 * SGDP (Heo et al., ICLR 2021) as a DJL optimizer, exactly as method.md 6.2: SGD whose step, for a weight
 * with two or more dimensions whose gradient is nearly orthogonal to it (a scale-invariant weight feeding a
 * normalisation), loses its component along the weight (channel view first, then layer view), and whose
 * decoupled weight decay is then weakened by {@code wdRatio}.
 *
 * <p>Not thread-safe: one optimizer per model (it holds momentum buffers).
 */
public final class Sgdp extends Optimizer {
    private final float learningRate;
    private final float weightDecay;
    private final float momentum;
    private final float dampening;
    private final boolean nesterov;
    private final double delta;
    private final double epsilon;
    private final float wdRatio;
    private final Map<String, NDArray> buffers = new HashMap<>();
    /** The current learning rate: the settings' rate times the schedule's factor. */
    private float rate;

    /** Settings of method.md 6.2. */
    public record Settings(double learningRate, double weightDecay, double momentum, double dampening, boolean nesterov,
                           double delta, double epsilon, double wdRatio) {
        public Settings {
            if (!(learningRate > 0) || weightDecay < 0 || momentum < 0 || momentum >= 1 || dampening < 0 || dampening > 1
                    || !(delta > 0) || !(epsilon > 0) || wdRatio < 0) {
                throw new IllegalArgumentException("invalid SGDP settings: " + this);
            }
        }

        /** The reference: momentum 0, no dampening, no Nesterov, delta 0.1, eps 1e-8, wd ratio 0.1. */
        public static Settings reference(double learningRate, double weightDecay) {
            return new Settings(learningRate, weightDecay, 0, 0, false, 0.1, 1e-8, 0.1);
        }
    }

    public Sgdp(Settings s) {
        super(new Builder());
        this.learningRate = (float) s.learningRate();
        this.rate = this.learningRate;
        this.weightDecay = (float) s.weightDecay();
        this.momentum = (float) s.momentum();
        this.dampening = (float) s.dampening();
        this.nesterov = s.nesterov();
        this.delta = s.delta();
        this.epsilon = s.epsilon();
        this.wdRatio = (float) s.wdRatio();
    }

    /** What the last update did to a parameter (for tests and logs). */
    public record StepInfo(String view, float decayRatio) {
    }

    private final Map<String, StepInfo> lastSteps = new HashMap<>();

    public StepInfo lastStep(String parameterId) {
        return lastSteps.get(parameterId);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray d = grad;
            if (momentum > 0) {
                NDArray b = buffers.get(parameterId);
                if (b == null) {
                    b = grad.mul(1 - dampening);
                    NDScope.unregister(b);
                    buffers.put(parameterId, b);
                } else {
                    b.muli(momentum).addi(grad.mul(1 - dampening));
                }
                d = nesterov ? grad.add(b.mul(momentum)) : b;
            }
            float ratio = 1f;
            String view = "none";
            if (weight.getShape().dimension() >= 2) {
                long rows = weight.getShape().get(0);
                long size = weight.getShape().size();
                for (int v = 0; v < 2; v++) {
                    long r = v == 0 ? rows : 1;
                    long n = size / r;
                    NDArray p = weight.reshape(r, n);
                    NDArray g = grad.reshape(r, n);
                    NDArray pNorm = p.norm(new int[] {1});
                    NDArray cosine = g.mul(p).sum(new int[] {1}).abs()
                            .div(g.norm(new int[] {1}).maximum((float) epsilon).mul(pNorm.maximum((float) epsilon)));
                    if (cosine.max().getFloat() < delta / Math.sqrt(n)) {
                        NDArray u = p.div(pNorm.add((float) epsilon).reshape(r, 1));
                        NDArray dRows = d.reshape(r, n);
                        d = dRows.sub(u.mul(u.mul(dRows).sum(new int[] {1}, true))).reshape(weight.getShape());
                        ratio = wdRatio;
                        view = v == 0 ? "channel" : "layer";
                        break;
                    }
                }
            }
            if (weightDecay > 0) {
                weight.muli(1 - rate * weightDecay * ratio / (1 - momentum));
            }
            weight.subi(d.mul(rate));
            lastSteps.put(parameterId, new StepInfo(view, ratio));
        }
    }

    /** Sets the learning rate to the settings' rate times {@code factor} (a schedule; 1 at the start). */
    public void scaleLearningRate(double factor) {
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException("learning-rate factor must be in [0, 1], got " + factor);
        }
        rate = (float) (learningRate * factor);
    }

    /** Releases the momentum buffers. */
    public void close() {
        buffers.values().forEach(NDArray::close);
        buffers.clear();
    }

    private static final class Builder extends Optimizer.OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
