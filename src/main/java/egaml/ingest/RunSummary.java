package egaml.ingest;

import egaml.core.InstrumentType;

import java.util.List;

/**
 * Facts about one run as read, before and after the row filter of method.md 3.1.
 *
 * @param bytes              size of the uncompressed content in bytes
 * @param rows               data rows in the file
 * @param distinctMz         distinct m/z values in the file (fractional ones counted separately)
 * @param fractionalRows     rows whose m/z is not an integer
 * @param negativeRows       rows with a negative abundance
 * @param sharedTimeRows     rows whose time equals the previous row's (full scans share one time)
 * @param tempDecreases      rows whose temperature is lower than the previous row's
 * @param excludedFractional rows dropped because their m/z is fractional (and does not round, with ROUND)
 * @param excludedAboveLimit rows dropped because m/z is at or above the channel limit
 * @param excludedHelium     rows dropped because they are helium (m/z 4)
 * @param excludedSparse     rows dropped by the sparse-channel filter
 * @param sparseChannels     the channels removed by the sparse-channel filter
 * @param detectedType       the instrument type the layout suggests (method.md 11.3)
 * @param md5                MD5 of the uncompressed content, or null when it was not computed
 */
public record RunSummary(long bytes, long rows, double timeMin, double timeMax, double tempMin, double tempMax,
                         int distinctMz, double mzMax, long fractionalRows, long negativeRows,
                         double abundanceMax, long sharedTimeRows, long tempDecreases,
                         long excludedFractional, long excludedAboveLimit, long excludedHelium,
                         long excludedSparse, List<Integer> sparseChannels, InstrumentType detectedType,
                         String md5) {

    public RunSummary {
        sparseChannels = List.copyOf(sparseChannels);
    }

    /** Rows that survive the row filter. */
    public long keptRows() {
        return rows - excludedFractional - excludedAboveLimit - excludedHelium - excludedSparse;
    }

    public RunSummary withMd5(String hash) {
        return new RunSummary(bytes, rows, timeMin, timeMax, tempMin, tempMax, distinctMz, mzMax, fractionalRows,
                negativeRows, abundanceMax, sharedTimeRows, tempDecreases, excludedFractional,
                excludedAboveLimit, excludedHelium, excludedSparse, sparseChannels, detectedType, hash);
    }

    /**
     * The instrument type a run's layout suggests: SAM-like when rows rarely share a timestamp
     * (one m/z per row) and abundances are counts (maximum above 1); otherwise commercial.
     */
    static InstrumentType detect(long rows, long sharedTimeRows, double abundanceMax) {
        boolean onePerRow = sharedTimeRows < 0.5 * rows;
        return onePerRow && abundanceMax > 1 ? InstrumentType.SAM_TESTBED : InstrumentType.COMMERCIAL;
    }
}
