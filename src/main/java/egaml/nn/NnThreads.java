package egaml.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op thread count. With OpenMP it is a per-thread setting, so each Java thread that trains
 * or predicts calls {@link #use} before its first operation.
 */
public final class NnThreads {
    private NnThreads() {
    }

    /** Starts the engine (once), sets the calling thread's intra-op thread count and switches autograd off. */
    public static void use(int threads) {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(Math.max(1, threads));
        // PyTorch records autograd by default on a new thread; egaml records only inside ThreadGradient
        JniUtils.setGradMode(false);
    }
}
