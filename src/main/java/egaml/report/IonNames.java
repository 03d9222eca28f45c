package egaml.report;

import java.util.Map;

/** Usual assignments of common EGA-MS ions, for labels in plots and summaries (ega-physics.md 4, 5.6). */
public final class IonNames {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(2, "H2"), Map.entry(12, "C"), Map.entry(14, "N"), Map.entry(15, "CH3"),
            Map.entry(16, "O/CH4"), Map.entry(17, "OH/NH3"), Map.entry(18, "H2O"), Map.entry(20, "H2O/Ar++"),
            Map.entry(22, "CO2++"), Map.entry(26, "C2H2"), Map.entry(27, "HCN"), Map.entry(28, "CO/N2"),
            Map.entry(29, "CHO"), Map.entry(30, "NO"), Map.entry(31, "CH3O"), Map.entry(32, "O2/S"),
            Map.entry(33, "HS"), Map.entry(34, "H2S"), Map.entry(35, "Cl"), Map.entry(36, "HCl/Ar"),
            Map.entry(37, "Cl"), Map.entry(38, "HCl"), Map.entry(40, "Ar"), Map.entry(44, "CO2"),
            Map.entry(45, "CO2"), Map.entry(46, "NO2"), Map.entry(48, "SO"), Map.entry(60, "COS"),
            Map.entry(64, "SO2"), Map.entry(66, "SO2"), Map.entry(76, "CS2"));

    private IonNames() {
    }

    /** "m/z 44 (CO2)" or "m/z 71". */
    public static String label(int mz) {
        String name = NAMES.get(mz);
        return name == null ? "m/z " + mz : "m/z " + mz + " (" + name + ")";
    }

    /** "CO2 (m/z 44)" or "m/z 71": the gas first, as a scientist reads evidence. */
    public static String gasFirst(int mz) {
        String name = NAMES.get(mz);
        return name == null ? "m/z " + mz : name + " (m/z " + mz + ")";
    }

    /** The usual gas of an ion, or "" when egaml knows none. */
    public static String gas(int mz) {
        return NAMES.getOrDefault(mz, "");
    }
}
