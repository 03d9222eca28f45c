package egaml.report;

import egaml.core.Label;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The realism report's picture of one label: for each release ion, the median profile (current per He above
 * background, log scale) of the real runs that have only this label, of the simulated ones, and of the runs of
 * either side with no label at all, as the reference level.
 */
public final class RealismPlot {
    private static final int PANEL_W = 420;
    private static final int PANEL_H = 300;
    private static final double LOG_FLOOR = -7;
    private static final Color REAL = new Color(31, 119, 180);
    private static final Color SIM = new Color(230, 120, 20);

    private RealismPlot() {
    }

    public static void writePng(Label label, RealismReport.Side real, RealismReport.Side sim, OutputStream out)
            throws IOException {
        List<RunMeasures> realRuns = real.singleLabel(label);
        List<RunMeasures> simRuns = sim.singleLabel(label);
        double[][] r = RealismReport.medianProfile(realRuns);
        double[][] s = RealismReport.medianProfile(simRuns);
        double[][] r0 = RealismReport.medianProfile(real.without(null));
        double[][] s0 = RealismReport.medianProfile(sim.without(null));
        int ions = RunMeasures.RELEASE_IONS.length;
        int cols = 3;
        int rows = (ions + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * PANEL_W, rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            for (int k = 0; k < ions; k++) {
                XYChart chart = new XYChartBuilder().width(PANEL_W).height(PANEL_H)
                        .title(String.format(Locale.ROOT, "%s: %s (real %d, simulated %d runs)", label.columnName(),
                                IonNames.label(RunMeasures.RELEASE_IONS[k]), realRuns.size(), simRuns.size()))
                        .xAxisTitle("temperature (C)").yAxisTitle("log10(current / He above bg)").build();
                chart.getStyler().setYAxisMin(LOG_FLOOR).setYAxisMax(0.0);
                chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setMarkerSize(0)
                        .setChartBackgroundColor(Color.WHITE)
                        .setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(11f))
                        .setLegendFont(chart.getStyler().getLegendFont().deriveFont(9f));
                add(chart, "real", r[k], REAL, SeriesLines.SOLID);
                add(chart, "simulated", s[k], SIM, SeriesLines.SOLID);
                add(chart, "real, no label", r0[k], new Color(150, 180, 210), SeriesLines.DASH_DASH);
                add(chart, "simulated, no label", s0[k], new Color(240, 190, 140), SeriesLines.DASH_DASH);
                g.drawImage(BitmapEncoder.getBufferedImage(chart), (k % cols) * PANEL_W, (k / cols) * PANEL_H, null);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", out);
    }

    private static void add(XYChart chart, String name, double[] profile, Color colour, java.awt.BasicStroke line) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int b = 0; b < profile.length; b++) {
            if (Double.isFinite(profile[b])) {
                x.add(RunMeasures.PROFILE_LOW_C + (b + 0.5) * RunMeasures.BIN_C);
                y.add(Math.max(LOG_FLOOR, profile[b] > 0 ? Math.log10(profile[b]) : LOG_FLOOR));
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setLineStyle(line);
    }
}
