package egaml.report;

import egaml.core.Label;
import egaml.cv.Calibration;
import egaml.cv.LogLoss;
import egaml.ingest.CleanRun;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training report: one self-contained HTML page (opens offline; images embedded as PNG) with the
 * out-of-fold log loss of every model per label, the stacker's family weights, a calibration plot, and the
 * spectrograms of the most confident correct and the worst out-of-fold predictions of the ensemble.
 */
public final class TrainingReport {
    /** What the report shows. {@code oof} must contain "ensemble". */
    public record Content(String title, List<String> facts, List<String> ids, int[][] y, Map<String, double[][]> oof,
                          List<String> families, double[][] weights, List<CleanRun> runs) {
    }

    private TrainingReport() {
    }

    public static String html(Content c) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(c.title()))
                .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1200px;color:#222}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "text-align:right;font-size:13px}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
                        + ".best{font-weight:bold;background:#e8f5e9}img{max-width:100%;border:1px solid #ddd}"
                        + "h2{border-bottom:1px solid #ccc;padding-bottom:4px}.small{color:#666;font-size:12px}</style></head><body>");
        h.append("<h1>").append(esc(c.title())).append("</h1><ul>");
        for (String f : c.facts()) {
            h.append("<li>").append(esc(f)).append("</li>");
        }
        h.append("</ul>");

        h.append("<h2>Out-of-fold log loss</h2><p class=\"small\">Mean binary log loss per label (p clipped to "
                + "[1e-15, 1 - 1e-15]); aggregated = mean over labels. Lower is better; the best value per column is "
                + "highlighted. Every figure comes from predictions of models that did not see the sample.</p>");
        h.append("<table><tr><th>model</th><th>aggregated</th>");
        for (Label l : Label.all()) {
            h.append("<th>").append(l.columnName()).append("</th>");
        }
        h.append("</tr>");
        List<String> names = new ArrayList<>(c.oof().keySet());
        double[][] scores = new double[names.size()][];
        for (int m = 0; m < names.size(); m++) {
            double[] per = LogLoss.perLabel(c.y(), c.oof().get(names.get(m)));
            scores[m] = new double[Label.COUNT + 1];
            scores[m][0] = LogLoss.aggregated(c.y(), c.oof().get(names.get(m)));
            System.arraycopy(per, 0, scores[m], 1, Label.COUNT);
        }
        for (int m = 0; m < names.size(); m++) {
            h.append("<tr><td>").append(esc(names.get(m))).append("</td>");
            for (int k = 0; k <= Label.COUNT; k++) {
                boolean best = true;
                for (double[] other : scores) {
                    best &= scores[m][k] <= other[k];
                }
                h.append(best ? "<td class=\"best\">" : "<td>").append(String.format(Locale.ROOT, "%.4f", scores[m][k]))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");

        h.append("<h2>Stacker weights</h2><p class=\"small\">Mean effective weight of each family's logit per label "
                + "(a family dropped in a fit counts 0). A sum below 1 shrinks the logits.</p><table><tr><th>family</th>");
        for (Label l : Label.all()) {
            h.append("<th>").append(l.columnName()).append("</th>");
        }
        h.append("</tr>");
        for (int f = 0; f < c.families().size(); f++) {
            h.append("<tr><td>").append(esc(c.families().get(f))).append("</td>");
            for (Label l : Label.all()) {
                h.append(String.format(Locale.ROOT, "<td>%.3f</td>", c.weights()[l.ordinal()][f]));
            }
            h.append("</tr>");
        }
        h.append("<tr><th>sum</th>");
        for (Label l : Label.all()) {
            double s = 0;
            for (double w : c.weights()[l.ordinal()]) {
                s += w;
            }
            h.append(String.format(Locale.ROOT, "<th>%.3f</th>", s));
        }
        h.append("</tr></table>");

        h.append("<h2>Calibration</h2><p class=\"small\">Out-of-fold predictions of all labels pooled in ten "
                + "probability bins: mean predicted probability against the observed frequency. On the diagonal is "
                + "perfectly calibrated.</p>");
        h.append(img(calibrationChart(c)));

        double[][] ens = c.oof().get("ensemble");
        List<int[]> cells = new ArrayList<>(); // {sample, label}
        for (int i = 0; i < c.y().length; i++) {
            for (int j = 0; j < Label.COUNT; j++) {
                cells.add(new int[] {i, j});
            }
        }
        cells.sort(Comparator.comparingDouble(a -> -LogLoss.binary(c.y()[a[0]][a[1]], ens[a[0]][a[1]])));
        h.append("<h2>Worst out-of-fold predictions</h2>");
        examples(h, c, cells.subList(0, Math.min(2, cells.size())));
        List<int[]> confident = cells.stream().filter(a -> c.y()[a[0]][a[1]] == 1)
                .sorted(Comparator.comparingDouble(a -> -ens[a[0]][a[1]])).limit(2).toList();
        h.append("<h2>Most confident correct detections</h2>");
        examples(h, c, confident);
        h.append("<p class=\"small\">Made by egaml ").append(esc(egaml.core.Version.current())).append(".</p></body></html>");
        return h.toString();
    }

    private static void examples(StringBuilder h, Content c, List<int[]> cells) throws IOException {
        for (int[] cell : cells) {
            int i = cell[0];
            Label l = Label.all().get(cell[1]);
            List<String> truth = new ArrayList<>();
            for (Label t : Label.all()) {
                if (c.y()[i][t.ordinal()] == 1) {
                    truth.add(t.columnName());
                }
            }
            h.append(String.format(Locale.ROOT, "<h3>%s: %s predicted %.3f, truly %s (labels: %s)</h3>", esc(c.ids().get(i)),
                    l.columnName(), c.oof().get("ensemble")[i][l.ordinal()], c.y()[i][l.ordinal()] == 1 ? "present" : "absent",
                    truth.isEmpty() ? "none" : String.join(", ", truth)));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            RunPlot.writePng(c.runs().get(i), c.ids().get(i), png);
            h.append(img(png.toByteArray()));
        }
    }

    private static byte[] calibrationChart(Content c) throws IOException {
        XYChart chart = new XYChartBuilder().width(700).height(500).title("Reliability (all labels pooled)")
                .xAxisTitle("mean predicted probability").yAxisTitle("observed frequency").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        XYSeries diagonal = chart.addSeries("perfect", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
        for (Map.Entry<String, double[][]> e : c.oof().entrySet()) {
            if (e.getKey().equals("prior")) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Calibration.Bin b : Calibration.bins(c.y(), e.getValue(), -1, 10)) {
                if (b.count() > 0) {
                    xs.add(b.meanPredicted());
                    ys.add(b.observed());
                }
            }
            chart.addSeries(e.getKey(), xs, ys);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static String img(byte[] png) {
        return "<p><img alt=\"plot\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"></p>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
