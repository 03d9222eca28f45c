package egaml.sim;

import java.util.Map;

/**
 * The gases the simulator releases, with their main ion and electron-ionisation fragmentation patterns
 * (ega-physics.md section 4): percent of the main ion's current at other m/z. {@code commercial} is the
 * pattern observed at release peaks on commercial set-up A ("obs" column), {@code library} the NIST
 * WebBook / RGA-library pattern, used for SAM-like runs.
 */
public enum Gas {
    /** Water: 18:100. obs 17:24-25, 16:2-3.5, 20:0.2; library 17:21-24, 16:1-2, 19:0.1-0.5, 20:0.2-0.3. */
    H2O(18, Map.of(17, 24.5, 16, 2.7, 19, 0.3, 20, 0.2), Map.of(17, 22.5, 16, 1.5, 19, 0.3, 20, 0.25)),
    /** Carbon dioxide: 44:100. obs 28:15, 16:16, 12:6.5, 45:1.2, 46:0.4, 22:0.5; library 28:10-11, 16:9-10, 12:6-9, 22:1.9. */
    CO2(44, Map.of(28, 15.0, 16, 16.0, 12, 6.5, 45, 1.2, 46, 0.4, 22, 0.5),
            Map.of(28, 10.5, 16, 9.5, 12, 7.5, 22, 1.9, 45, 1.2, 46, 0.4)),
    /** Carbon monoxide: 28:100. obs 12:5.9, 16:4.3, 29:1.1, 30:0.2; library 12:4.7, 16:1.7, 29:1.2, 14:0.6-1, 30:0.2. */
    CO(28, Map.of(12, 5.9, 16, 4.3, 29, 1.1, 30, 0.2, 14, 0.8), Map.of(12, 4.7, 16, 1.7, 29, 1.2, 14, 0.8, 30, 0.2)),
    /** Oxygen: 32:100. obs 16:13, 34:0.4; library 16:9-22 (instrument-dependent), 34:0.4. */
    O2(32, Map.of(16, 13.0, 34, 0.4), Map.of(16, 15.0, 34, 0.4)),
    /** Sulfur dioxide: 64:100. obs 48:72-79, 32:15, 16:10, 66:4.7, 50:3.3; library 48:49, 32:10, 16:5, 66:5, 50:2, 65:1. */
    SO2(64, Map.of(48, 75.0, 32, 15.0, 16, 10.0, 66, 4.7, 50, 3.3, 65, 1.0),
            Map.of(48, 49.0, 32, 10.0, 16, 5.0, 66, 5.0, 50, 2.0, 65, 1.0)),
    /** Hydrogen sulfide: 34:100; library 32:44, 33:42, 1:5, 36:4, 35:2.5 (no obs column: library for both). */
    H2S(34, Map.of(32, 44.0, 33, 42.0, 1, 5.0, 36, 4.0, 35, 2.5), Map.of(32, 44.0, 33, 42.0, 1, 5.0, 36, 4.0, 35, 2.5)),
    /** Hydrogen chloride: 36:100. obs 35:28, 38:30, 37:8.8; library 38:32, 35:17, 37:5. */
    HCL(36, Map.of(35, 28.0, 38, 30.0, 37, 8.8), Map.of(38, 32.0, 35, 17.0, 37, 5.0)),
    /**
     * Hydrocarbons from organic matter, one pseudo-gas with m/z 15 (CH3+) as its main ion. obs: over 300-420 C the
     * real single-label phyllosilicate runs exceed the label-free ones at m/z 27 by 40 % of the m/z 15 excess, at
     * 41 and 43 by 20 %, at 57 by 1 %, at 78 and 91 (aromatics) by 0.5 %; 16, 14, 13, 12 as methane (NIST: 16:112,
     * 14:23, 13:12, 12:4 of 15, 16 halved for the heavier hydrocarbons); 26, 29, 39, 55 as alkenes (library).
     */
    HYDROCARBONS(15, hydrocarbons(), hydrocarbons()),
    /**
     * Heavier hydrocarbons (C3 and up) from organic matter, one pseudo-gas with m/z 41 (C3H5+) as its main ion. obs:
     * in the real single-label phyllosilicate runs at 300-400 C, over the run's start: 43 at 1.0 x the m/z 41 excess,
     * 27 1.2, 39 0.65, 29 0.4 (library), 55 0.2, 50 0.11, 69 0.09, 57 0.05, 78 0.05; they peak some 150 C before
     * the methane-like m/z 15.
     */
    HEAVY_HYDROCARBONS(41, heavyHydrocarbons(), heavyHydrocarbons()),
    /** Nitric oxide from nitrates: library 30:100, 14:7.5, 15:2.4, 16:1.5 (NIST); library for both. */
    NO(30, Map.of(14, 7.5, 15, 2.4, 16, 1.5), Map.of(14, 7.5, 15, 2.4, 16, 1.5)),
    /** Hydrogen (e.g. from Fe(II) reducing water): 2:100, 1:2 (NIST); library for both. */
    H2(2, Map.of(1, 2.0), Map.of(1, 2.0)),
    /**
     * Chlorine: 70:100, 72:64, 74:10, 35:25, 37:8 (NIST: the isotopes of Cl2 and Cl+); obs: the real chloride + iron
     * oxide + phyllosilicate runs' m/z 72 follows m/z 70 at 0.63; library for both.
     */
    CL2(70, Map.of(72, 64.0, 74, 10.0, 35, 25.0, 37, 8.0), Map.of(72, 64.0, 74, 10.0, 35, 25.0, 37, 8.0));

    private static Map<Integer, Double> heavyHydrocarbons() {
        return Map.ofEntries(Map.entry(43, 100.0), Map.entry(42, 40.0), Map.entry(27, 120.0), Map.entry(39, 65.0), Map.entry(29, 40.0),
                Map.entry(55, 20.0), Map.entry(50, 11.0), Map.entry(69, 9.0), Map.entry(57, 5.0), Map.entry(78, 5.0));
    }

    private static Map<Integer, Double> hydrocarbons() {
        return Map.ofEntries(Map.entry(16, 55.0), Map.entry(14, 23.0), Map.entry(13, 12.0), Map.entry(12, 4.0),
                Map.entry(26, 25.0), Map.entry(27, 40.0), Map.entry(29, 20.0), Map.entry(39, 15.0),
                Map.entry(41, 20.0), Map.entry(43, 20.0), Map.entry(55, 5.0), Map.entry(57, 1.0),
                Map.entry(78, 0.5), Map.entry(91, 0.5));
    }

    private final int mainIon;
    private final Map<Integer, Double> commercial;
    private final Map<Integer, Double> library;

    Gas(int mainIon, Map<Integer, Double> commercial, Map<Integer, Double> library) {
        this.mainIon = mainIon;
        this.commercial = commercial;
        this.library = library;
    }

    public int mainIon() {
        return mainIon;
    }

    /** Fragments (m/z to percent of the main ion) for a commercial (obs) or SAM-like (library) instrument. */
    public Map<Integer, Double> fragments(boolean samLike) {
        return samLike ? library : commercial;
    }
}
