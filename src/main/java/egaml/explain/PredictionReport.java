package egaml.explain;

import egaml.core.AtomicFiles;
import egaml.core.InstrumentType;
import egaml.core.Label;
import egaml.core.Parallel;
import egaml.ensemble.TrainedModel;
import egaml.ingest.CleanRun;
import egaml.member.AttributionSettings;
import egaml.member.FamilyScores;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The HTML report of a prediction batch, readable offline: {@code index.html}, an overview table of every sample
 * (probabilities, family ranges, warnings; sortable by any column), and one page per sample under {@code samples/}
 * with its warnings, every label's probability and range, and for each called label (probability at least 0.5, else
 * the most probable) the evidence sentence and picture. Pages and pictures are written once, chunk by chunk, so large
 * batches need no more memory than one chunk; the folder appears complete or not at all.
 */
public final class PredictionReport implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final TrainedModel model;
    private final AttributionSettings settings;
    private final int threads;
    private final String title;
    private final List<String> rows = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private boolean finished;
    private double evidenceSeconds;
    private double pageSeconds;

    public PredictionReport(Path dir, TrainedModel model, AttributionSettings settings, int threads, String title)
            throws IOException {
        this.target = dir.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        this.tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
        Files.createDirectories(tmp.resolve("samples"));
        this.model = model;
        this.settings = settings;
        this.threads = threads;
        this.title = title;
    }

    /**
     * Explains and writes the pages of one predicted chunk, given its family logits and probabilities;
     * {@code warnings.get(i)} is null where the model has no profile.
     */
    public void add(List<String> ids, List<CleanRun> runs, List<InstrumentType> types, FamilyScores families,
                    double[][] probabilities, List<List<String>> warnings) throws IOException {
        boolean[][] wanted = new boolean[runs.size()][Label.COUNT];
        for (int i = 0; i < runs.size(); i++) {
            int top = 0;
            for (int l = 0; l < Label.COUNT; l++) {
                wanted[i][l] = probabilities[i][l] >= 0.5;
                top = probabilities[i][l] > probabilities[i][top] ? l : top;
            }
            wanted[i][top] = true;
        }
        long t0 = System.nanoTime();
        List<Explanation> all = EnsembleExplainer.explain(model, runs, types, wanted, settings, families, threads);
        long t1 = System.nanoTime();
        evidenceSeconds += (t1 - t0) / 1e9;
        List<String> pageNames = new ArrayList<>();
        for (String id : ids) {
            pageNames.add(uniqueName(id));
        }
        List<Integer> order = java.util.stream.IntStream.range(0, all.size()).boxed().toList();
        // pages and pictures of different samples are independent files: written in parallel, listed in input order
        List<String> overview = Parallel.map("report-pages", threads, order, i -> {
            Explanation e = all.get(i);
            String name = pageNames.get(i);
            List<Label> shown = new ArrayList<>();
            for (Label l : ExplanationText.byProbability(e)) {
                if (wanted[i][l.ordinal()]) {
                    shown.add(l);
                }
            }
            for (Label l : shown) {
                Path png = tmp.resolve("samples").resolve(name + "." + l.columnName() + ".png");
                try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(png))) {
                    ExplanationPlot.writePng(runs.get(i), e, l, os);
                }
            }
            Files.writeString(tmp.resolve("samples").resolve(name + ".html"), samplePage(e, name, shown, warnings.get(i)),
                    StandardCharsets.UTF_8);
            return overviewRow(e, name, warnings.get(i));
        });
        rows.addAll(overview);
        pageSeconds += (System.nanoTime() - t1) / 1e9;
    }

    /** Seconds spent on the evidence and on the pages and pictures so far. */
    public String timing() {
        return String.format(java.util.Locale.ROOT, "evidence %.1f s, pages and pictures %.1f s", evidenceSeconds, pageSeconds);
    }

    /** Writes the overview and puts the folder in place (replacing an old one). */
    public void finish() throws IOException {
        Files.writeString(tmp.resolve("index.html"), overview(), StandardCharsets.UTF_8);
        AtomicFiles.replaceFolder(tmp, target);
        finished = true;
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            AtomicFiles.deleteTree(tmp);
        }
    }

    private String uniqueName(String id) {
        String base = id.replaceAll("[^A-Za-z0-9._-]", "_");
        String name = base;
        for (int k = 2; !names.add(name.toLowerCase(Locale.ROOT)); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    static final String STYLE = "body{font-family:sans-serif;margin:24px;color:#222}"
            + "table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}"
            + "th{background:#f0f0f0;cursor:pointer;position:sticky;top:0}td.l,th.l{text-align:left}"
            + ".warn{color:#a33}.ok{color:#396}.small{color:#666;font-size:12px}img{max-width:100%;border:1px solid #ddd}"
            + "p.ev{font-family:monospace;font-size:13px;background:#fafafa;padding:6px;border-left:3px solid #c33}";

    private String overview() {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>").append(STYLE).append("</style></head><body>");
        b.append("<h1>").append(esc(title)).append("</h1>");
        b.append("<p class=\"small\">").append(rows.size()).append(" samples. Cells: the ensemble's probability, shaded by "
                + "it; a dagger marks labels on which the model's families disagree strongly (one below 0.25, another "
                + "above 0.75). Click a column header to sort, a sample to see its evidence.</p>");
        b.append("<table id=\"t\"><thead><tr><th class=\"l\">sample</th><th class=\"l\">instrument</th>"
                + "<th class=\"l\">calls (p &ge; 0.5)</th><th>warnings</th>");
        for (String l : Label.columnNames()) {
            b.append("<th>").append(esc(l)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        rows.forEach(b::append);
        b.append("</tbody></table>");
        b.append("<script>document.querySelectorAll('#t th').forEach(function(h,i){h.onclick=function(){"
                + "var t=h.closest('table'),r=Array.from(t.tBodies[0].rows),d=h.dataset.d==='1'?-1:1;h.dataset.d=d===1?'1':'0';"
                + "r.sort(function(a,c){var x=a.cells[i].dataset.v||a.cells[i].textContent,y=c.cells[i].dataset.v||c.cells[i].textContent;"
                + "var nx=parseFloat(x),ny=parseFloat(y);return (isNaN(nx)||isNaN(ny)?x.localeCompare(y):nx-ny)*d;});"
                + "r.forEach(function(x){t.tBodies[0].appendChild(x);});};});</script>");
        b.append("</body></html>\n");
        return b.toString();
    }

    private static String overviewRow(Explanation e, String name, List<String> warnings) {
        StringBuilder b = new StringBuilder("<tr><td class=\"l\"><a href=\"samples/").append(name).append(".html\">")
                .append(esc(e.sampleId())).append("</a></td><td class=\"l\">").append(e.type().code()).append("</td>");
        List<String> calls = new ArrayList<>();
        for (Label l : ExplanationText.byProbability(e)) {
            if (e.probability()[l.ordinal()] >= 0.5) {
                calls.add(l.columnName());
            }
        }
        b.append("<td class=\"l\">").append(calls.isEmpty() ? "none" : esc(String.join(", ", calls))).append("</td>");
        int count = warnings == null ? -1 : warnings.size();
        // the warnings themselves as the cell's tooltip, so the overview stays one light row per sample
        String tip = warnings == null ? "no training profile in the model folder" : String.join("\n", warnings);
        b.append("<td data-v=\"").append(count).append("\" title=\"").append(esc(tip)).append("\"")
                .append(count > 0 ? " class=\"warn\"" : "").append(">")
                .append(count < 0 ? "?" : String.valueOf(count)).append("</td>");
        for (int l = 0; l < Label.COUNT; l++) {
            double p = e.probability()[l];
            b.append(String.format(Locale.ROOT, "<td data-v=\"%.4f\" style=\"background:%s\">%.2f%s</td>", p, shade(p), p,
                    e.uncertainty().disagree()[l] ? "&dagger;" : ""));
        }
        return b.append("</tr>\n").toString();
    }

    private String samplePage(Explanation e, String name, List<Label> shown, List<String> warnings) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(e.sampleId()))
                .append("</title><style>").append(STYLE).append("</style></head><body>");
        b.append("<p><a href=\"../index.html\">&larr; all samples</a></p>");
        b.append("<h1>").append(esc(e.sampleId())).append(" <span class=\"small\">(").append(e.type().code())
                .append(")</span></h1>");
        if (warnings == null) {
            b.append("<p class=\"small\">No out-of-range check: the model folder has no training profile (train it again).</p>");
        } else if (warnings.isEmpty()) {
            b.append("<p class=\"ok\">The run looks like the model's training runs.</p>");
        } else {
            b.append("<h2>Warnings</h2><ul>");
            warnings.forEach(w -> b.append("<li class=\"warn\">").append(esc(w)).append("</li>"));
            b.append("</ul>");
        }
        b.append("<h2>Probabilities</h2><table><tr><th>label</th><th>probability</th><th>families' range</th>"
                + "<th>spread</th><th>families disagree</th></tr>");
        for (Label l : ExplanationText.byProbability(e)) {
            int j = l.ordinal();
            b.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td style=\"background:%s\">%.3f</td>"
                            + "<td>%.2f&ndash;%.2f</td><td>%.3f</td><td>%s</td></tr>", l.columnName(), shade(e.probability()[j]),
                    e.probability()[j], e.uncertainty().low()[j], e.uncertainty().high()[j], e.uncertainty().spread()[j],
                    e.uncertainty().disagree()[j] ? "yes" : ""));
        }
        b.append("</table>");
        for (Label l : shown) {
            b.append("<h2>").append(l.columnName()).append("</h2>");
            b.append("<p class=\"ev\">").append(esc(EvidenceText.sentence(e, l, 4, 3))).append("</p>");
            b.append("<img src=\"").append(name).append('.').append(l.columnName()).append(".png\" alt=\"")
                    .append(esc(e.sampleId() + ": evidence for " + l.columnName())).append("\">");
        }
        b.append("<p class=\"small\">Evidence in the ensemble's logit units: the parts add up to the logit minus the "
                + "model's reference logit. Trees: LightGBM's exact tree SHAP values; networks: integrated gradients from "
                + "an empty spectrogram").append(String.format(Locale.ROOT, " (%d steps%s)", settings.steps(),
                settings.modelsPerFamily() == 0 ? "" : ", the first " + settings.modelsPerFamily()
                        + " fold models of each family; the rest of the change at run level")).append(".</p>");
        b.append("</body></html>\n");
        return b.toString();
    }

    /** White at 0, deepening orange towards 1. */
    private static String shade(double p) {
        int g = (int) Math.round(255 - 120 * p);
        int bl = (int) Math.round(255 - 200 * p);
        return String.format(Locale.ROOT, "rgb(255,%d,%d)", g, bl);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
