package egaml.baseline;

import egaml.member.MemberOptions;
import egaml.member.MemberSettings;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Command-line overrides of the baseline member's search. */
public final class BaselineOptions implements MemberOptions {
    @Option(names = "--baseline-penalty", paramLabel = "P", description = "Penalties searched: l1, l2 or l1,l2 "
            + "(the challenge benchmark: l1).")
    String penalties;

    @Option(names = "--baseline-c", paramLabel = "C,...", description = "liblinear C values searched (inverse "
            + "regularisation strength; the challenge benchmark: 10).")
    String strengths;

    @Override
    public String heading() {
        return "Baseline member (overrides of the preset):";
    }

    @Override
    public boolean experimental() {
        return false;
    }

    @Override
    public MemberSettings apply(MemberSettings base) {
        BaselineSettings s = (BaselineSettings) base;
        List<BaselineSettings.Penalty> p = s.penalties();
        List<Double> c = s.strengths();
        if (penalties != null) {
            p = new ArrayList<>();
            for (String v : penalties.split(",")) {
                try {
                    p.add(BaselineSettings.Penalty.valueOf(v.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--baseline-penalty: l1 or l2, got '" + v.strip() + "'");
                }
            }
        }
        if (strengths != null) {
            c = new ArrayList<>();
            for (String v : strengths.split(",")) {
                try {
                    c.add(Double.parseDouble(v.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--baseline-c: numbers separated by commas, got '" + v.strip() + "'");
                }
            }
        }
        return s.withSearch(p, c);
    }
}
