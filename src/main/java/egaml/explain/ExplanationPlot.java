package egaml.explain;

import egaml.core.Label;
import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;
import egaml.member.EvidenceMap;
import egaml.report.IonNames;
import egaml.report.RunProfile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The picture of one call: the run's spectrogram in grey (darker = more gas, per m/z and 25 °C cell, log scale) with
 * the evidence laid over it (red cells push the label up, blue cells down, stronger colour = more), and below, the
 * release curves of the ions that carry most of the evidence.
 */
public final class ExplanationPlot {
    private static final int WIDTH = 960;
    private static final int MAP_HEIGHT = 600;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 70;
    private static final int BOTTOM = 60;
    private static final double DECADES = 6;
    private static final Color FOR = new Color(200, 30, 30);
    /** At most about this many points per release curve. */
    private static final int CURVE_POINTS = 400;
    private static final Color AGAINST = new Color(30, 90, 200);

    private ExplanationPlot() {
    }

    /** Writes the PNG to the stream (the caller replaces files atomically). */
    public static void writePng(CleanRun run, Explanation e, Label label, OutputStream out) throws IOException {
        BufferedImage top = evidenceMap(run, e, label);
        BufferedImage bottom = BitmapEncoder.getBufferedImage(releaseCurves(run, e.maps()[label.ordinal()]));
        writeFastPng(egaml.report.RunPlot.stack(top, bottom), out);
    }

    /**
     * PNG with light compression: a report writes one or more pictures per sample, and the default (strongest) deflate
     * level took most of the page time; the files are about a third larger.
     */
    static void writeFastPng(BufferedImage img, OutputStream out) throws IOException {
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.75f);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    static BufferedImage evidenceMap(CleanRun run, Explanation e, Label label) {
        EvidenceMap map = e.maps()[label.ordinal()];
        double[][] grey = spectrogram(run);
        int cells = EvidenceMap.CELLS;
        int ions = EvidenceMap.IONS;
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = MAP_HEIGHT - TOP - BOTTOM;
        double cw = plotW / cells;
        double ch = plotH / ions;
        double maxAbs = 0;
        for (int m = 0; m < ions; m++) {
            for (int k = 0; k < cells; k++) {
                maxAbs = Math.max(maxAbs, Math.abs(map.cell(m, k)));
            }
        }
        BufferedImage img = new BufferedImage(WIDTH, MAP_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, MAP_HEIGHT);
            for (int m = 0; m < ions; m++) {
                for (int k = 0; k < cells; k++) {
                    int x = (int) Math.round(LEFT + k * cw);
                    int y = (int) Math.round(TOP + (ions - 1 - m) * ch);
                    int w = (int) Math.round(LEFT + (k + 1) * cw) - x;
                    int h = (int) Math.round(TOP + (ions - m) * ch) - y;
                    double v = grey[m][k];
                    Color base = Double.isNaN(v) ? new Color(245, 245, 235)
                            : shade((int) Math.round(255 - 200 * (v + DECADES) / DECADES));
                    double a = maxAbs > 0 ? Math.min(1, Math.abs(map.cell(m, k)) / maxAbs) : 0;
                    Color over = map.cell(m, k) >= 0 ? FOR : AGAINST;
                    g.setColor(mix(base, over, Math.sqrt(a) * 0.9));
                    g.fillRect(x, y, w, h);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(LEFT, TOP, (int) plotW, (int) plotH);
            if (run.summary() != null) {
                // outside the readings the networks see the nearest reading carried on, so evidence there is real for
                // the model but not a measured release: the dashed lines mark where the readings stop
                g.setStroke(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                        10f, new float[] {6f, 4f}, 0f));
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                for (double t : new double[] {run.summary().tempMin(), run.summary().tempMax()}) {
                    if (t > 0 && t < EvidenceMap.MAX_TEMPERATURE - 1) {
                        int x = (int) Math.round(LEFT + t / EvidenceMap.CELL_WIDTH * cw);
                        g.drawLine(x, TOP, x, TOP + (int) plotH);
                    }
                }
                double tMax = run.summary().tempMax();
                if (tMax < EvidenceMap.MAX_TEMPERATURE - 100) {
                    int x = (int) Math.round(LEFT + tMax / EvidenceMap.CELL_WIDTH * cw);
                    String note = String.format(Locale.ROOT, "readings stop at %.0f °C", tMax);
                    int width = g.getFontMetrics().stringWidth(note);
                    // left of the line when the plot's right edge is near, so it never runs into the legend
                    int at = x + 6 + width < LEFT + (int) plotW - 4 ? x + 6 : x - 6 - width;
                    g.setColor(Color.WHITE);
                    g.fillRect(at - 2, TOP + 3, width + 4, 14);
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(note, at, TOP + 14);
                }
                g.setStroke(new java.awt.BasicStroke(1f));
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int t = 0; t <= EvidenceMap.MAX_TEMPERATURE; t += 100) {
                int x = (int) Math.round(LEFT + t / (double) EvidenceMap.CELL_WIDTH * cw);
                g.drawLine(x, TOP + (int) plotH, x, TOP + (int) plotH + 5);
                g.drawString(String.valueOf(t), x - 10, TOP + (int) plotH + 20);
            }
            g.drawString("temperature (°C), 25 °C cells", LEFT + (int) plotW / 2 - 80, MAP_HEIGHT - 15);
            for (int m = 0; m < ions; m += 10) {
                int y = (int) Math.round(TOP + (ions - m - 0.5) * ch);
                g.drawLine(LEFT - 5, y, LEFT, y);
                g.drawString(String.valueOf(m), LEFT - 30, y + 4);
            }
            g.drawString("m/z", 15, TOP + (int) plotH / 2);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            int l = label.ordinal();
            g.drawString(String.format(Locale.ROOT, "%s: %s %.2f (families %.2f-%.2f)", e.sampleId(), label.columnName(),
                    e.probability()[l], e.uncertainty().low()[l], e.uncertainty().high()[l]), LEFT, 25);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("grey: the run (log abundance, darker = more); red: evidence for, blue: against "
                    + "(stronger colour = more); cream: channel absent", LEFT, 45);
            g.drawString(String.format(Locale.ROOT, "logit %.2f = reference %.2f %+.2f", e.logit()[l],
                    e.referenceLogit()[l], map.total()), LEFT, 60);
            legend(g, maxAbs);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void legend(Graphics2D g, double maxAbs) {
        int x = WIDTH - RIGHT + 30;
        int y = TOP + 20;
        int h = 200;
        for (int i = 0; i < h; i++) {
            double v = 1 - 2.0 * i / h;
            g.setColor(mix(Color.WHITE, v >= 0 ? FOR : AGAINST, Math.sqrt(Math.abs(v)) * 0.9));
            g.fillRect(x, y + i, 20, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, y, 20, h);
        g.drawString(String.format(Locale.ROOT, "%+.3f", maxAbs), x + 25, y + 10);
        g.drawString("0", x + 25, y + h / 2 + 4);
        g.drawString(String.format(Locale.ROOT, "%+.3f", -maxAbs), x + 25, y + h);
        g.drawString("logit per cell", x - 5, y - 8);
    }

    private static Color shade(int v) {
        int c = Math.max(0, Math.min(255, v));
        return new Color(c, c, c);
    }

    private static Color mix(Color a, Color b, double t) {
        double s = Math.max(0, Math.min(1, t));
        return new Color((int) Math.round(a.getRed() * (1 - s) + b.getRed() * s),
                (int) Math.round(a.getGreen() * (1 - s) + b.getGreen() * s),
                (int) Math.round(a.getBlue() * (1 - s) + b.getBlue() * s));
    }

    /** log10 of the largest baseline-corrected abundance per (m/z, evidence cell), relative to the run's maximum. */
    static double[][] spectrogram(CleanRun run) {
        double[][] cell = new double[EvidenceMap.IONS][EvidenceMap.CELLS];
        for (double[] row : cell) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        double max = 0;
        for (ChannelSeries c : run.presentChannels()) {
            if (c.mz() >= EvidenceMap.IONS || c.size() == 0) {
                continue;
            }
            double base = RunProfile.baseline(c);
            java.util.Arrays.fill(cell[c.mz()], 0);
            for (int i = 0; i < c.size(); i++) {
                int k = EvidenceMap.cellOf(c.temp()[i]);
                double v = c.abundance()[i] - base;
                cell[c.mz()][k] = Math.max(cell[c.mz()][k], v);
                max = Math.max(max, v);
            }
        }
        double floor = max > 0 ? max * Math.pow(10, -DECADES) : Double.MIN_NORMAL;
        double top = Math.log10(Math.max(max, floor));
        for (double[] row : cell) {
            for (int k = 0; k < row.length; k++) {
                if (!Double.isNaN(row[k])) {
                    row[k] = Math.log10(Math.max(row[k], floor)) - top;
                }
            }
        }
        return cell;
    }

    /** The ions carrying most evidence (by absolute total over their cells), strongest first. */
    static List<Integer> strongestIons(EvidenceMap map, int n) {
        return IntStream.range(0, EvidenceMap.IONS).boxed()
                .sorted(Comparator.comparingDouble((Integer m) -> -Math.abs(map.ionTotal(m))).thenComparingInt(m -> m))
                .filter(m -> map.ionTotal(m) != 0).limit(n).toList();
    }

    static XYChart releaseCurves(CleanRun run, EvidenceMap map) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(320)
                .title("Ions carrying most evidence: release curves, each normalised to its peak")
                .xAxisTitle("temperature (°C)").yAxisTitle("abundance / peak").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(0)
                .setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(-0.05).setYAxisMax(1.05);
        List<String> added = new ArrayList<>();
        for (int mz : strongestIons(map, 5)) {
            ChannelSeries c = mz < run.channelLimit() ? run.channel(mz) : null;
            if (c == null || c.size() < 2) {
                continue;
            }
            double base = RunProfile.baseline(c);
            double peak = 0;
            for (double v : c.abundance()) {
                peak = Math.max(peak, v - base);
            }
            // long series (SAM runs: thousands of noisy readings) are drawn as means of consecutive blocks: as
            // readable, and the picture costs a fraction of the time
            int block = Math.max(1, (int) Math.ceil(c.size() / (double) CURVE_POINTS));
            int points = (c.size() + block - 1) / block;
            double[] x = new double[points];
            double[] y = new double[points];
            for (int q = 0; q < points; q++) {
                int from = q * block;
                int to = Math.min(c.size(), from + block);
                for (int i = from; i < to; i++) {
                    x[q] += c.temp()[i] / (double) (to - from);
                    y[q] += (peak > 0 ? (c.abundance()[i] - base) / peak : 0) / (to - from);
                }
            }
            String name = String.format(Locale.ROOT, "%s, evidence %+.2f", IonNames.gasFirst(mz), map.ionTotal(mz));
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.NONE);
            added.add(name);
        }
        if (added.isEmpty()) {
            chart.addSeries("no ion carries evidence", new double[] {0, 1}, new double[] {0, 0}).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
