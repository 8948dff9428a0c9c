package attendfirst.report;

import attendfirst.sweep.SwitchResult;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The switch heat map in the style of the paper's figure: one row per k (0 at the top), one column per outcome
 * (original answer kept, injected country's capital, something else), each cell coloured by the share of pairs,
 * from dark (0) to light (1), with a colour bar.
 */
public final class SwitchHeatMap {

    private static final String[] COLUMNS = {"Original kept (ignored)", "Modified (conformed)", "Other"};
    private static final int[] CODES = {SwitchResult.IGNORED, SwitchResult.CONFORMED, SwitchResult.OTHER};
    // dark purple-black through red and orange to cream, like the paper's colour map
    private static final Color[] RAMP = {new Color(0x0B0725), new Color(0x4A1A52), new Color(0xA11A5B),
        new Color(0xE83F3F), new Color(0xF6946C), new Color(0xFAEBDD)};

    private SwitchHeatMap() {
    }

    public static byte[] png(SwitchResult s) {
        int rows = s.layers().length;
        int cellW = 150;
        int cellH = Math.max(12, Math.min(26, 560 / rows));
        int left = 50;
        int top = 50;
        int width = left + COLUMNS.length * cellW + 110;
        int height = top + rows * cellH + 50;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(s.model() + ": switch, share of " + s.pairs().size() + " pairs", left, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        g.drawString("k", 12, top - 6);
        for (int r = 0; r < rows; r++) {
            int y = top + r * cellH;
            String k = Integer.toString(s.layers()[r]);
            g.setColor(Color.BLACK);
            g.drawString(k, left - 8 - fm.stringWidth(k), y + cellH / 2 + fm.getAscent() / 2 - 1);
            for (int c = 0; c < COLUMNS.length; c++) {
                g.setColor(colour(s.share(r, CODES[c])));
                g.fillRect(left + c * cellW, y, cellW, cellH);
            }
        }
        g.setColor(Color.BLACK);
        for (int c = 0; c < COLUMNS.length; c++) {
            int x = left + c * cellW + (cellW - fm.stringWidth(COLUMNS[c])) / 2;
            g.drawString(COLUMNS[c], x, top + rows * cellH + 18);
        }
        // colour bar
        int barX = left + COLUMNS.length * cellW + 30;
        int barH = rows * cellH;
        for (int y = 0; y < barH; y++) {
            g.setColor(colour(1 - y / (double) (barH - 1)));
            g.fillRect(barX, top + y, 20, 1);
        }
        g.setColor(Color.BLACK);
        for (int t = 0; t <= 5; t++) {
            double v = t / 5.0;
            int y = top + (int) Math.round((1 - v) * (barH - 1));
            g.drawLine(barX + 20, y, barX + 24, y);
            g.drawString(String.format("%.1f", v), barX + 27, y + fm.getAscent() / 2 - 1);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode switch heat map of " + s.model(), e);
        }
        return out.toByteArray();
    }

    /** Piecewise-linear colour ramp over [0,1]. */
    static Color colour(double share) {
        double x = Math.max(0, Math.min(1, share)) * (RAMP.length - 1);
        int i = Math.min((int) Math.floor(x), RAMP.length - 2);
        double t = x - i;
        Color a = RAMP[i];
        Color b = RAMP[i + 1];
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }
}
