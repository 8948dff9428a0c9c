package attendfirst.run;

import attendfirst.report.AtomicFiles;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Where a run writes its results before they count: {@code target/claims-runs/<run id>/}. The folder's
 * {@code status.json} says "running" from the start and "finished" only after the summary has been moved into
 * place ({@code target/claims-summary.json}), so a run that is killed leaves the previous summary untouched and
 * a folder that says it did not finish.
 */
public final class RunFolder {

    public static final String STATUS = "status.json";

    private final Path dir;
    private final RunId id;

    private RunFolder(Path dir, RunId id) {
        this.dir = dir;
        this.id = id;
    }

    /** Makes the folder and marks it running. */
    public static RunFolder start(Path runs, RunId id) {
        RunFolder f = new RunFolder(runs.resolve(id.toString()), id);
        try {
            Files.createDirectories(f.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + f.dir, e);
        }
        f.status("running", "started " + id.started() + "; a folder still 'running' after its process ended belongs"
                + " to a run that did not finish (killed or crashed): its files are not results");
        return f;
    }

    public Path dir() {
        return dir;
    }

    /** A file inside the run folder. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Moves a file of the folder over {@code target} (atomically where the file system can) and marks the run finished. */
    public void publish(String name, Path target) {
        Path source = file(name);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // another file system: copy next to the target, then rename there
                Path tmp = target.resolveSibling("." + target.getFileName() + ".partial");
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                Files.delete(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + source + " to " + target, e);
        }
    }

    public void finished(String note) {
        status("finished", note);
    }

    /** The status a folder records: "running" or "finished" (null when it has none). */
    public static String statusOf(Path folder) {
        Path file = folder.resolve(STATUS);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return com.google.gson.JsonParser.parseString(Files.readString(file)).getAsJsonObject().get("status")
                    .getAsString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void status(String status, String note) {
        JsonObject o = new JsonObject();
        o.addProperty("run", id.toString());
        o.addProperty("status", status);
        o.addProperty("at", Instant.now().toString());
        o.addProperty("pid", ProcessHandle.current().pid());
        o.addProperty("note", note);
        AtomicFiles.write(dir.resolve(STATUS), new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
    }
}
