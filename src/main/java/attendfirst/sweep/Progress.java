package attendfirst.sweep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a long sweep on the console with an estimate of the time left, from the mean time per
 * finished unit so far. Prints at most every few seconds.
 */
public final class Progress {
    private final String label;
    private final int total;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastPrint;
    private int done;

    public Progress(String label, int total, PrintStream out) {
        this.label = label;
        this.total = total;
        this.out = out;
    }

    public synchronized void finished(String detail) {
        done++;
        long now = System.nanoTime();
        if (done == total || now - lastPrint > 5_000_000_000L) {
            lastPrint = now;
            double elapsed = (now - start) / 1e9;
            double left = done == 0 ? Double.NaN : elapsed / done * (total - done);
            out.printf(Locale.ROOT, "[%s] %d/%d %s, %s elapsed, ~%s left%n", label, done, total, detail,
                    format(elapsed), format(left));
        }
    }

    static String format(double seconds) {
        if (Double.isNaN(seconds)) {
            return "?";
        }
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toMinutes() > 0 ? d.toMinutes() + "m" + String.format(Locale.ROOT, "%02d", d.toSecondsPart()) + "s"
                : d.toSeconds() + "s";
    }
}
