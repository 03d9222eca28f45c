package egaml.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * A heat map drawn directly with Java2D: cells coloured on a perceptual (plasma-like) scale, numbered
 * axes and a colour bar. NaN cells (e.g. absent channels) are light grey. Used for spectrograms, where a charting library's category axes cannot
 * label 100 columns legibly.
 */
public final class HeatMapImage {
    private static final Color[] STOPS = {
        new Color(13, 8, 135), new Color(84, 2, 163), new Color(139, 10, 165), new Color(185, 50, 137),
        new Color(219, 92, 104), new Color(244, 136, 73), new Color(254, 188, 43), new Color(240, 249, 33),
    };

    /**
     * What to draw: values[row][col] with row = x (e.g. temperature bin), col = y (e.g. m/z).
     *
     * @param xStart  x value of the left edge of column 0
     * @param xStep   x width of one cell
     * @param xTick   spacing of x tick labels
     * @param yTick   spacing of y tick labels
     */
    public record Spec(String title, String xLabel, String yLabel, String colourLabel, double[][] values,
                       double xStart, double xStep, double xTick, double yTick, double min, double max) {
    }

    /** Colour of missing cells (NaN values), e.g. channels absent from a run. */
    public static final Color MISSING = new Color(215, 215, 215);

    private HeatMapImage() {
    }

    public static BufferedImage draw(Spec spec, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            Font bold = font.deriveFont(Font.BOLD, 15f);
            int left = 70;
            int right = 130;
            int top = 40;
            int bottom = 60;
            int pw = width - left - right;
            int ph = height - top - bottom;
            int nx = spec.values().length;
            int ny = nx == 0 ? 0 : spec.values()[0].length;
            for (int i = 0; i < nx; i++) {
                int x0 = left + (int) Math.round((double) i * pw / nx);
                int x1 = left + (int) Math.round((double) (i + 1) * pw / nx);
                for (int j = 0; j < ny; j++) {
                    int y1 = top + ph - (int) Math.round((double) j * ph / ny);
                    int y0 = top + ph - (int) Math.round((double) (j + 1) * ph / ny);
                    g.setColor(colour((spec.values()[i][j] - spec.min()) / (spec.max() - spec.min())));
                    g.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(left, top, pw, ph);
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            // x ticks at multiples of xTick inside the covered range
            double xEnd = spec.xStart() + nx * spec.xStep();
            for (double v = Math.ceil(spec.xStart() / spec.xTick()) * spec.xTick(); v <= xEnd; v += spec.xTick()) {
                int x = left + (int) Math.round((v - spec.xStart()) / (xEnd - spec.xStart()) * pw);
                g.drawLine(x, top + ph, x, top + ph + 5);
                String s = format(v);
                g.drawString(s, x - fm.stringWidth(s) / 2, top + ph + 8 + fm.getAscent());
            }
            // y ticks at cell centres of multiples of yTick
            for (double v = 0; v < ny; v += spec.yTick()) {
                int y = top + ph - (int) Math.round((v + 0.5) * ph / ny);
                g.drawLine(left - 5, y, left, y);
                String s = format(v);
                g.drawString(s, left - 8 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
            }
            g.drawString(spec.xLabel(), left + pw / 2 - fm.stringWidth(spec.xLabel()) / 2, height - 14);
            Graphics2D gr = (Graphics2D) g.create();
            gr.rotate(-Math.PI / 2);
            gr.drawString(spec.yLabel(), -(top + ph / 2) - fm.stringWidth(spec.yLabel()) / 2, 20);
            gr.dispose();
            g.setFont(bold);
            g.drawString(spec.title(), left, top - 14);
            // colour bar
            g.setFont(font);
            int bx = left + pw + 25;
            int bw = 20;
            for (int y = 0; y < ph; y++) {
                g.setColor(colour(1 - (double) y / ph));
                g.drawLine(bx, top + y, bx + bw, top + y);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(bx, top, bw, ph);
            int steps = (int) Math.round(spec.max() - spec.min());
            steps = steps >= 2 && steps <= 12 ? steps : 4;
            for (int k = 0; k <= steps; k++) {
                double v = spec.min() + (spec.max() - spec.min()) * k / steps;
                int y = top + ph - (int) Math.round((double) k / steps * ph);
                g.drawLine(bx + bw, y, bx + bw + 4, y);
                g.drawString(format(v), bx + bw + 7, y + fm.getAscent() / 2 - 1);
            }
            Graphics2D gc = (Graphics2D) g.create();
            gc.rotate(Math.PI / 2);
            gc.drawString(spec.colourLabel(), top + ph / 2 - fm.stringWidth(spec.colourLabel()) / 2, -(bx + bw + 55));
            gc.dispose();
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Colour of a fraction in [0, 1] (clamped). */
    static Color colour(double f) {
        if (Double.isNaN(f)) {
            return MISSING;
        }
        double t = Math.max(0, Math.min(1, f)) * (STOPS.length - 1);
        int i = Math.min((int) t, STOPS.length - 2);
        double u = t - i;
        Color a = STOPS[i];
        Color b = STOPS[i + 1];
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
