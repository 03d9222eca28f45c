package egaml.member;

/**
 * Where the evidence of one logit lies: an amount per (m/z, temperature cell) plus a run-level part for inputs that
 * belong to no ion (ramp rate, overall signal level). Cells are 25 °C wide from 0 to 1,200 °C for m/z 0-99; an amount
 * given for a temperature range is spread over the cells it overlaps in proportion to the overlap, so the map's total
 * is always the sum of what was added.
 */
public final class EvidenceMap {
    public static final int IONS = 100;
    public static final int CELL_WIDTH = 25;
    public static final int CELLS = 48;
    public static final double MAX_TEMPERATURE = CELL_WIDTH * CELLS;

    private final double[] cells = new double[IONS * CELLS];
    private double runLevel;

    /** Lowest temperature of cell {@code k}. */
    public static double cellStart(int k) {
        return (double) CELL_WIDTH * k;
    }

    /** The cell holding temperature {@code t} (temperatures outside 0-1,200 °C go to the end cells). */
    public static int cellOf(double t) {
        return (int) Math.max(0, Math.min(CELLS - 1, Math.floor(t / CELL_WIDTH)));
    }

    /** Adds {@code amount} for ion {@code mz}, spread over the temperature range [lo, hi] (a point when lo == hi). */
    public void add(int mz, double lo, double hi, double amount) {
        if (mz < 0 || mz >= IONS) {
            runLevel += amount;
            return;
        }
        if (!(hi > lo)) {
            cells[mz * CELLS + cellOf(lo)] += amount;
            return;
        }
        double a = Math.max(0, Math.min(MAX_TEMPERATURE, lo));
        double b = Math.max(0, Math.min(MAX_TEMPERATURE, hi));
        if (!(b > a)) {
            cells[mz * CELLS + cellOf(lo)] += amount;
            return;
        }
        for (int k = cellOf(a); k <= cellOf(b - 1e-9); k++) {
            double overlap = Math.min(b, cellStart(k + 1)) - Math.max(a, cellStart(k));
            if (overlap > 0) {
                cells[mz * CELLS + k] += amount * overlap / (b - a);
            }
        }
    }

    /** Adds {@code amount} for ion {@code mz} over the cells in proportion to {@code shares} (one per cell, sum 1). */
    public void addShares(int mz, double[] shares, double amount) {
        for (int k = 0; k < CELLS; k++) {
            cells[mz * CELLS + k] += amount * shares[k];
        }
    }

    /** Adds to one cell. */
    public void addCell(int mz, int cell, double amount) {
        cells[mz * CELLS + cell] += amount;
    }

    /** Adds an amount that belongs to no ion. */
    public void addRunLevel(double amount) {
        runLevel += amount;
    }

    /** Adds {@code scale} times another map. */
    public void addScaled(EvidenceMap other, double scale) {
        for (int i = 0; i < cells.length; i++) {
            cells[i] += scale * other.cells[i];
        }
        runLevel += scale * other.runLevel;
    }

    /** Multiplies every amount by {@code scale}. */
    public void scale(double scale) {
        for (int i = 0; i < cells.length; i++) {
            cells[i] *= scale;
        }
        runLevel *= scale;
    }

    public double cell(int mz, int cell) {
        return cells[mz * CELLS + cell];
    }

    public double runLevel() {
        return runLevel;
    }

    /** The sum of every cell and the run-level part. */
    public double total() {
        double s = runLevel;
        for (double c : cells) {
            s += c;
        }
        return s;
    }

    /** The sum over the cells of one ion. */
    public double ionTotal(int mz) {
        double s = 0;
        for (int k = 0; k < CELLS; k++) {
            s += cells[mz * CELLS + k];
        }
        return s;
    }
}
