package egaml.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One simulated release as it was drawn: the family it belongs to ("all" for adsorbed water and trace organics), the
 * gas, its main ion, the peak temperature after the ramp and instrument shifts, and the width at half maximum.
 * Written to {@code truth.csv} as {@code family:GAS(m/z)@peak/fwhm}, so that explanations can be checked against it.
 */
public record ReleaseTruth(String family, String gas, int mainIon, double peak, double fwhm) {
    public String code() {
        return String.format(Locale.ROOT, "%s:%s(%d)@%.0f/%.0f", family, gas, mainIon, peak, fwhm);
    }

    /** Parses a list written by {@link #code()}, separated by "; ". */
    public static List<ReleaseTruth> parseList(String text) {
        List<ReleaseTruth> out = new ArrayList<>();
        for (String part : text.split(";")) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                int colon = s.indexOf(':');
                int open = s.indexOf('(', colon);
                int close = s.indexOf(')', open);
                int at = s.indexOf('@', close);
                int slash = s.indexOf('/', at);
                out.add(new ReleaseTruth(s.substring(0, colon), s.substring(colon + 1, open),
                        Integer.parseInt(s.substring(open + 1, close)), Double.parseDouble(s.substring(at + 1, slash)),
                        Double.parseDouble(s.substring(slash + 1))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a release 'family:GAS(m/z)@peak/fwhm': '" + s + "'", e);
            }
        }
        return out;
    }
}
