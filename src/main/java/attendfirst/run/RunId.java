package attendfirst.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * What a run is: when it started (UTC), on which commit, under which plan. Written into the summary, the
 * Allure executor and environment, each sweep CSV and each accepted expectation cell, so that any file of a
 * run says which run made it. Text form {@code 20261129T144242Z-19d9188ab1-plan3fa2b1c0}; a commit with
 * uncommitted changes ends in {@code +dirty}.
 */
public record RunId(Instant started, String commit, String planHash) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    public static RunId start(RunConfig config) {
        return new RunId(Instant.now().truncatedTo(ChronoUnit.SECONDS), gitCommit(config.root()),
                hash(config.planText()));
    }

    /** The first 8 hex digits of the SHA-256 of the plan's text. */
    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    /** {@code git rev-parse --short=10 HEAD} (+dirty), or "no-git" when git or the repository is missing. */
    static String gitCommit(Path root) {
        try {
            String head = run(root, "git", "rev-parse", "--short=10", "HEAD");
            if (head == null) {
                return "no-git";
            }
            String status = run(root, "git", "status", "--porcelain", "--untracked-files=no");
            return head + (status != null && !status.isBlank() ? "+dirty" : "");
        } catch (IOException e) {
            return "no-git";
        }
    }

    private static String run(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            p.destroy();
        }
    }

    @Override
    public String toString() {
        return STAMP.format(started) + "-" + commit + "-plan" + planHash;
    }
}
