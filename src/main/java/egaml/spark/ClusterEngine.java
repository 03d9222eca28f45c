package egaml.spark;

import egaml.core.InstrumentType;
import egaml.ensemble.BatchPrediction;
import egaml.ensemble.UnitEngine;
import egaml.explain.Uncertainty;
import egaml.ingest.SampleRef;
import egaml.member.TrainingListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A distributed engine for {@code train} and {@code predict} ({@code --engine spark}). This interface names no Spark
 * class, so the local commands can hold it without Spark on the class path; {@link #load} finds the implementation only
 * when asked for, and says how to get Spark when it is missing.
 */
public interface ClusterEngine extends AutoCloseable {
    /** Runs a training's units on the cluster. */
    UnitEngine units();

    /** Receives a predicted sample's sidecar row: warnings (null: the model has no training profile) and uncertainty. */
    interface DetailSink {
        void accept(String sampleId, InstrumentType type, List<String> warnings, Uncertainty uncertainty) throws IOException;
    }

    /**
     * Predicts {@code samples} (their files must be readable where the executors run: shared storage) with the model in
     * {@code modelDir}, one Spark task per chunk of {@code chunk} runs, the model loaded once per executor. Rows and
     * detail rows reach the sinks in input order, after every chunk is done. With {@link BatchPrediction.OnError#STOP} a
     * bad run fails the whole prediction before anything reaches the sinks, with the message a local run gives.
     *
     * @param cacheDir the parsed-run cache the executors use (null: each executor's default; ignored when noCache)
     */
    BatchPrediction.Summary predict(Path modelDir, List<SampleRef> samples, Path cacheDir, boolean noCache, int chunk,
                                    BatchPrediction.OnError onError, BatchPrediction.RowSink rows, DetailSink details,
                                    TrainingListener listener) throws IOException;

    /** One line on where the work runs (master, executors), for the console. */
    String describe();

    @Override
    void close();

    /** Refuses an {@code --engine} value other than local and spark, before any work. */
    static void check(String name) {
        if (!"local".equals(name) && !"spark".equals(name)) {
            throw new IllegalArgumentException("--engine must be local or spark, got '" + name + "'");
        }
    }

    /**
     * The engine {@code --engine} names: null for local (the command works in this process), else the cluster engine,
     * with a clear error when Spark is not on the class path.
     */
    static ClusterEngine open(String name) {
        check(name);
        if (name.equals("local")) {
            return null;
        }
        try {
            Class.forName("org.apache.spark.SparkContext", false, ClusterEngine.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--engine spark needs Apache Spark on the class path: submit egaml's jar "
                    + "with spark-submit (README, 'Running on a Spark cluster'), e.g. spark-submit --class egaml.cli.EgamlCli "
                    + "target/egaml.jar train --engine spark ...");
        }
        return new SparkEngine();
    }
}
