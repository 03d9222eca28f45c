package egaml.core;

import java.util.Locale;
import java.util.Optional;

/** The two instrument families of EGA-MS runs (method.md 1.3). */
public enum InstrumentType {
    /** Commercial lab instrument: full scans of all integer m/z, ion current in amperes. */
    COMMERCIAL("commercial"),
    /** SAM testbed: one m/z per row, fractional m/z possible, abundance in counts. */
    SAM_TESTBED("sam_testbed");

    private final String code;

    InstrumentType(String code) {
        this.code = code;
    }

    /** The spelling used in {@code metadata.csv}. */
    public String code() {
        return code;
    }

    /** Parses the {@code metadata.csv} spelling; empty when unknown. */
    public static Optional<InstrumentType> fromCode(String text) {
        String key = text.strip().toLowerCase(Locale.ROOT);
        for (InstrumentType type : values()) {
            if (type.code.equals(key)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return code;
    }

    /** Per sample, whether it is a SAM testbed run (e.g. the rows the NN must not train on). */
    public static boolean[] samMask(java.util.List<InstrumentType> types) {
        boolean[] sam = new boolean[types.size()];
        for (int i = 0; i < sam.length; i++) {
            sam[i] = types.get(i) == SAM_TESTBED;
        }
        return sam;
    }
}
