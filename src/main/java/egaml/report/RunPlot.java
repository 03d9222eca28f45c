package egaml.report;

import egaml.ingest.ChannelSeries;
import egaml.ingest.CleanRun;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The picture of one run for {@code egaml inspect --png}: a temperature x m/z heat map of the
 * log-scaled abundance (each cell the maximum reading in a 10 C bin, above the channel's 1%
 * baseline; grey where the channel is absent or was removed), and the release curves of the strongest ions, each normalised to its own peak.
 */
public final class RunPlot {
    private static final int TEMP_BIN = 10;
    /** Decades of dynamic range shown by the heat map below the run's maximum. */
    private static final double DECADES = 6;
    private static final int WIDTH = 1100;

    private RunPlot() {
    }

    /** Writes the PNG to the stream (the caller handles atomic replacement of files). */
    public static void writePng(CleanRun run, String title, OutputStream out) throws IOException {
        BufferedImage top = HeatMapImage.draw(heatMap(run, title), WIDTH, 600);
        BufferedImage bottom = BitmapEncoder.getBufferedImage(releaseCurves(run));
        ImageIO.write(stack(top, bottom), "png", out);
    }

    /** One picture of two panels, one above the other (as wide as the wider). */
    public static BufferedImage stack(BufferedImage top, BufferedImage bottom) {
        BufferedImage img = new BufferedImage(Math.max(top.getWidth(), bottom.getWidth()), top.getHeight() + bottom.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.drawImage(top, 0, 0, null);
            g.drawImage(bottom, 0, top.getHeight(), null);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The spectrogram panel: log10 of the baseline-corrected maximum per 10 C bin and m/z, relative to the run's maximum. */
    static HeatMapImage.Spec heatMap(CleanRun run, String title) {
        double tMin = Math.floor(run.summary().tempMin() / TEMP_BIN) * TEMP_BIN;
        double tMax = run.summary().tempMax();
        int nBins = Math.max(1, (int) Math.ceil((tMax - tMin + 1e-9) / TEMP_BIN));
        int limit = run.channelLimit();
        double[][] cell = new double[nBins][limit];
        double globalMax = 0;
        for (ChannelSeries c : run.presentChannels()) {
            double base = RunProfile.baseline(c);
            for (int i = 0; i < c.size(); i++) {
                int b = (int) Math.min(nBins - 1, Math.max(0, (c.temp()[i] - tMin) / TEMP_BIN));
                double v = c.abundance()[i] - base;
                if (v > cell[b][c.mz()]) {
                    cell[b][c.mz()] = v;
                }
                globalMax = Math.max(globalMax, v);
            }
        }
        double floor = globalMax > 0 ? globalMax * Math.pow(10, -DECADES) : Double.MIN_NORMAL;
        double topLog = Math.log10(Math.max(globalMax, floor));
        for (double[] row : cell) {
            for (int m = 0; m < limit; m++) {
                row[m] = run.channel(m) == null ? Double.NaN : Math.log10(Math.max(row[m], floor)) - topLog;
            }
        }
        return new HeatMapImage.Spec(title, "temperature (C), 10 C bins", "m/z",
                "log10(abundance / run max); grey: no channel", cell, tMin, TEMP_BIN, 100, 10, -DECADES, 0);
    }

    static XYChart releaseCurves(CleanRun run) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(380)
                .title("Strongest ions: release curves, each normalised to its peak")
                .xAxisTitle("temperature (C)").yAxisTitle("abundance / peak").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(0)
                .setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(-0.05).setYAxisMax(1.05);
        for (RunProfile.IonPeak peak : RunProfile.strongestIons(run, 5)) {
            ChannelSeries c = run.channel(peak.mz());
            double[] x = new double[c.size()];
            double[] y = new double[c.size()];
            double scale = peak.height() > 0 ? peak.height() : 1;
            for (int i = 0; i < c.size(); i++) {
                x[i] = c.temp()[i];
                y[i] = (c.abundance()[i] - peak.baseline()) / scale;
            }
            String name = String.format(Locale.ROOT, "%s, peak %.2g at %.0f C", IonNames.label(peak.mz()),
                    peak.height(), peak.peakTemp());
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
