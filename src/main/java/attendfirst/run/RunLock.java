package attendfirst.run;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The lock a claims run takes on its outputs (allure-results/, target/claims-summary.json, allure-report/):
 * the file {@code target/claims.lock} (beside the gate file) says which process holds them, as JSON
 * {@code {"pid": ..., "started": ..., "command": ...}}. A second run in the same checkout stops with the holder's
 * pid, start time and command; a lock whose process has ended (a killed run) is taken over with a message.
 *
 * <p>One run is several processes: scripts/claim-report.sh (its lock is written by the script in the same
 * format), Maven (ClearResults takes it before emptying allure-results/, the gate step releases it) and the
 * surefire JVM ({@link ClaimRun}). A lock held by the process itself or one of its ancestors is the same run's:
 * taking it again succeeds, and only the holder releases it.
 */
public final class RunLock implements AutoCloseable {

    /** The lock's file name, in the directory of the run's gate file ({@code target/}). */
    public static final String FILE = "claims.lock";

    /** Who holds the lock. */
    public record Holder(long pid, String started, String command) {

        @Override
        public String toString() {
            return "pid " + pid + ", started " + started + ", command: " + command;
        }
    }

    /** Another live process holds the lock. */
    public static final class HeldException extends IllegalStateException {

        private final Holder holder;

        HeldException(Path file, Holder holder) {
            super("another claims run holds the outputs of this checkout (" + holder + "); lock file " + file
                    + ". Wait for it to finish, or stop it (kill " + holder.pid() + "); a lock of a process that"
                    + " no longer runs is taken over by the next run");
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    private final Path file;
    private final boolean owned;

    private RunLock(Path file, boolean owned) {
        this.file = file;
        this.owned = owned;
    }

    /** The lock file of a run whose gate file is {@code gate} (the summary may go elsewhere until published). */
    public static Path beside(Path gate) {
        return gate.toAbsolutePath().resolveSibling(FILE);
    }

    /**
     * Takes the lock for this process. Returns a lock this process owns (released by {@link #close()}), or one
     * it does not own when the process itself or an ancestor holds it already; throws {@link HeldException}
     * when another live process holds it. A stale lock (its process ended) is taken over, saying so on
     * {@code out}.
     */
    public static RunLock acquire(Path file, PrintStream out) {
        ProcessHandle self = ProcessHandle.current();
        Holder me = new Holder(self.pid(), Instant.now().toString(),
                self.info().commandLine().map(RunLock::shorten).orElse("java (pid " + self.pid() + ")"));
        for (int attempt = 0; attempt < 3; attempt++) {
            if (create(file, me)) {
                return new RunLock(file, true);
            }
            Optional<Holder> holder = read(file);
            if (holder.isEmpty()) {
                continue; // released (or half written) meanwhile: try again
            }
            Holder h = holder.get();
            if (ownRun(h.pid())) {
                return new RunLock(file, false);
            }
            if (ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new HeldException(file, h);
            }
            out.println("claims run: taking over the stale lock " + file + " of a run that no longer runs (" + h
                    + ")");
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the stale lock " + file, e);
            }
        }
        throw new IllegalStateException("cannot take the lock " + file + ": it keeps changing (another run starting?)");
    }

    /** Who holds the lock now, if anyone. */
    public static Optional<Holder> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run lock " + file, e);
        }
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            return Optional.of(new Holder(o.get("pid").getAsLong(),
                    o.has("started") ? o.get("started").getAsString() : "(unknown)",
                    o.has("command") ? o.get("command").getAsString() : "(unknown)"));
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            // a lock file being written this instant, or garbage: treat as held by nobody alive
            return Optional.of(new Holder(-1, "(unreadable lock file)", text.strip()));
        }
    }

    /** Releases the lock when this process holds it; a lock of another process is left alone. */
    public static void releaseIfMine(Path file) {
        Optional<Holder> h = read(file);
        if (h.isPresent() && h.get().pid() == ProcessHandle.current().pid()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release the run lock " + file, e);
            }
        }
    }

    /** Whether this handle created the lock (and so releases it). */
    public boolean owned() {
        return owned;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (owned) {
            releaseIfMine(file);
        }
    }

    /** Written whole to a private file, then linked into place: fails if a lock exists (atomic on POSIX). */
    private static boolean create(Path file, Holder me) {
        JsonObject o = new JsonObject();
        o.addProperty("pid", me.pid());
        o.addProperty("started", me.started());
        o.addProperty("command", me.command());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + "." + me.pid() + ".tmp");
            Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.createLink(file, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run lock " + file, e);
        }
    }

    /** The process itself or one of its ancestors (the script, Maven, surefire's fork of the same run). */
    private static boolean ownRun(long pid) {
        Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
        while (p.isPresent()) {
            if (p.get().pid() == pid) {
                return true;
            }
            p = p.get().parent();
        }
        return false;
    }

    private static String shorten(String command) {
        // a JVM's command line is mostly its class path: keep the start (the program) and the end (its arguments)
        return command.length() <= 400 ? command : command.substring(0, 100) + " ... "
                + command.substring(command.length() - 280);
    }
}
