package egaml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records operations for autograd on the calling thread only, so that several models can train at once
 * (one per thread). DJL's {@code GradientCollector} for PyTorch admits a single collector per process;
 * PyTorch itself keeps the gradient mode per thread and runs independent backward passes concurrently, so
 * this thin scope calls the same JNI functions for the current thread alone. Closing it switches recording
 * off (a new native thread starts with it on, so parameter updates outside this scope need it off).
 */
public final class ThreadGradient implements AutoCloseable {
    public ThreadGradient() {
        JniUtils.setGradMode(true);
    }

    /** Back-propagates from a scalar loss, accumulating into the parameters' gradients. */
    public void backward(NDArray loss) {
        try (NDArray seed = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }
    }

    @Override
    public void close() {
        JniUtils.setGradMode(false);
    }
}
