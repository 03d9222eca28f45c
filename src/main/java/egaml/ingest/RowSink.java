package egaml.ingest;

/** Receives the validated rows of one run, in file order. */
@FunctionalInterface
public interface RowSink {
    /**
     * One data row.
     *
     * @param line 1-based line number in the (uncompressed) file, the header being line 1
     */
    void row(long line, double time, double temp, double mz, double abundance);
}
