package egaml.spark;

/**
 * The cluster could not do the work: a unit or chunk failed all of Spark's attempts, or the job was lost. Not a bug in
 * the input and not in egaml: the command says what was kept and how to go on (exit status 4, like other failures of
 * the environment).
 */
public final class ClusterException extends RuntimeException {
    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
