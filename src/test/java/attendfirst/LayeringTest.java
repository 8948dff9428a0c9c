package attendfirst;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering the package-info files state, checked on the compiled main classes (imports and fully qualified
 * names alike): the order of the layers is read from package {@code attendfirst}'s package-info, each package's
 * "May import:" list from its own, and no class may use a package its list leaves out. No project setting is read
 * outside run/ but for the few classes named below.
 */
@Epic("Infrastructure")
@Feature("Layering")
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/attendfirst");
    private static final Pattern ORDER = Pattern.compile("Layers, bottom up: ([a-z, ]+)\\.");
    private static final Pattern MAY_IMPORT = Pattern.compile("May import: ([a-z, ]+)\\.");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package (attendfirst[a-z.]*);");

    /**
     * Classes below run/ that read system properties, and what they read. Anything else fails the build.
     */
    static final Map<String, String> READERS_BELOW_RUN = Map.of(
            "attendfirst.model.EngineStart", "DJL's own ai.djl.pytorch.* and ai.djl.offline, and attendfirst.device,"
                    + " when the engine starts (the engine is started lazily by whichever code needs it first)",
            "attendfirst.fixture.Project", "user.home (the model cache's default)",
            "attendfirst.fixture.HubCache", "user.home (the Hugging Face hub cache's default)",
            "attendfirst.report.ScorePlot", "java.awt.headless (set when unset)",
            "attendfirst.report.LadderPlot", "java.awt.headless (set when unset)");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("attendfirst");

    @Test
    void everyPackageHasAPackageInfoStatingItsLayer() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path info = dir.resolve("package-info.java");
                if (!Files.isRegularFile(info)) {
                    missing.add(dir + " (no package-info.java)");
                } else if (!dir.equals(SOURCES) && !MAY_IMPORT.matcher(Files.readString(info)).find()) {
                    missing.add(info + " (no \"May import: ...\" line)");
                }
            }
        }
        assertThat(missing).as("packages without a stated layer").isEmpty();
    }

    @Test
    void eachPackageMayImportExactlyTheLayersBelowItsOwn() {
        List<String> order = order();
        Map<String, List<String>> stated = stated();
        assertThat(stated.keySet().stream().map(LayeringTest::layer).distinct())
                .as("layers of the package-info files vs. the order in attendfirst/package-info.java")
                .containsExactlyInAnyOrderElementsOf(order);
        stated.forEach((pkg, allowed) -> {
            List<String> below = order.subList(0, order.indexOf(layer(pkg)));
            assertThat(allowed).as(pkg + "'s \"May import:\" list (the layers below " + layer(pkg) + ")")
                    .containsExactlyElementsOf(below);
        });
    }

    @Test
    void noPackageUsesALayerItsPackageInfoLeavesOut() {
        for (ArchRule rule : layerRules()) {
            rule.check(MAIN);
        }
    }

    @Test
    void noProjectSettingIsReadOutsideRun() {
        settingsRule().check(MAIN);
    }

    @Test
    void theRulesFailOnAClassThatBreaksThem() {
        // GIVEN a class of the io layer that uses run/ and reads attendfirst.models (src/test, so not in MAIN)
        JavaClasses sample = new ClassFileImporter().importPackages("attendfirst.io").that(
                DescribedPredicate.describe("the sample", c -> c.getSimpleName().equals("LayeringViolationSample")));
        assertThat(sample).hasSize(1);
        // WHEN the rules judge it THEN both report it
        List<String> layering = layerRules().stream().map(r -> r.allowEmptyShould(true).evaluate(sample))
                .filter(EvaluationResult::hasViolation).flatMap(r -> r.getFailureReport().getDetails().stream()).toList();
        assertThat(layering).anySatisfy(d -> assertThat(d).contains("LayeringViolationSample")
                .contains("attendfirst.run.RunConfig"));
        EvaluationResult settings = settingsRule().allowEmptyShould(true).evaluate(sample);
        assertThat(settings.hasViolation()).isTrue();
        assertThat(settings.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d)
                .contains("LayeringViolationSample").contains("System.getProperty"));
    }

    /** One rule per layer: its classes depend on no class of a layer its package-info leaves out. */
    private static List<ArchRule> layerRules() {
        List<String> order = order();
        List<ArchRule> rules = new ArrayList<>();
        stated().forEach((pkg, allowed) -> {
            String[] forbidden = order.stream().filter(l -> !l.equals(layer(pkg)) && !allowed.contains(l))
                    .map(l -> "attendfirst." + l + "..").toArray(String[]::new);
            if (forbidden.length > 0) {
                rules.add(noClasses().that().resideInAPackage(pkg).should().dependOnClassesThat()
                        .resideInAnyPackage(forbidden)
                        .because(pkg + "'s package-info says: May import: " + String.join(", ", allowed)));
            }
        });
        return rules;
    }

    private static ArchRule settingsRule() {
        return noClasses().that().resideOutsideOfPackage("attendfirst.run..")
                .and(DescribedPredicate.describe("not named in READERS_BELOW_RUN",
                        (JavaClass c) -> !READERS_BELOW_RUN.containsKey(c.getName())))
                .should().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class, String.class)
                .orShould().callMethod(System.class, "getProperties")
                .orShould().callMethod(Integer.class, "getInteger", String.class)
                .orShould().callMethod(Integer.class, "getInteger", String.class, int.class)
                .orShould().callMethod(Integer.class, "getInteger", String.class, Integer.class)
                .orShould().callMethod(Long.class, "getLong", String.class)
                .orShould().callMethod(Long.class, "getLong", String.class, long.class)
                .orShould().callMethod(Long.class, "getLong", String.class, Long.class)
                .orShould().callMethod(Boolean.class, "getBoolean", String.class)
                .because("run.RunConfig is the one reader of the run's settings");
    }

    /** The layers, bottom up, from package attendfirst's package-info. */
    private static List<String> order() {
        Matcher m = ORDER.matcher(read(SOURCES.resolve("package-info.java")).replaceAll("\\s*\\n\\s*\\*\\s*", " "));
        assertThat(m.find()).as("attendfirst/package-info.java states \"Layers, bottom up: ...\"").isTrue();
        return Arrays.stream(m.group(1).split(",")).map(String::trim).toList();
    }

    /** Package name to its stated "May import:" layers ("nothing": none). */
    private static Map<String, List<String>> stated() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("package-info.java")).sorted().toList()) {
                String text = read(f).replaceAll("\\s*\\n\\s*\\*\\s*", " ");
                Matcher pkg = PACKAGE.matcher(read(f));
                Matcher may = MAY_IMPORT.matcher(text);
                if (pkg.find() && may.find() && !pkg.group(1).equals("attendfirst")) {
                    List<String> allowed = Arrays.stream(may.group(1).split(",")).map(String::trim).toList();
                    out.put(pkg.group(1), allowed.equals(List.of("nothing")) ? List.of() : allowed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** attendfirst.io.gguf -> io. */
    private static String layer(String pkg) {
        return pkg.split("\\.")[1];
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
