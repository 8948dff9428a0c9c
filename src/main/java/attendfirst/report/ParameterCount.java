package attendfirst.report;

import attendfirst.fixture.FixtureException;
import attendfirst.fixture.ModelFixture;
import attendfirst.io.ModelFormatException;
import attendfirst.model.ModelConfig;
import attendfirst.sweep.MemoryModel;
import attendfirst.plan.Planner;
import java.util.OptionalLong;

/**
 * A model's parameter count from its configuration alone (the GGUF header of a fetched file, or a committed
 * config.json), the x axis of the model ladder. The matrices and embeddings are counted as the planner counts
 * them ({@link MemoryModel#layerParameters()}, {@link MemoryModel#vocabParameters()}); on top come what the
 * planner leaves out because it is too small to matter for memory: every RMSNorm weight (two per layer, four
 * with Gemma's sandwich norms, Gemma's per-head query and key norms, the final norm) and the qwen2 biases on the
 * q, k and v projections. This gives the model cards' counts: SmolLM2-135M 134,515,008, Gemma 3 270M
 * 268,098,176, Qwen2.5-0.5B 494,032,768, Llama 2 7B 6,738,415,616 (ParameterCountTest). A file that stores
 * the output matrix apart from the embedding is counted as it is: the Qwen2.5-Coder GGUFs do (their output
 * matrix is the tied embedding quantised a second time), so they count 630,167,424 and 1,777,088,000 where
 * the model cards, tied, say 494,032,768 and 1,543,714,304; the source says so.
 */
public final class ParameterCount {

    private ParameterCount() {
    }

    public static long of(ModelConfig c) {
        MemoryModel m = new MemoryModel(c, 4);
        long dim = c.dim();
        long norms = dim * (c.sandwichNorms() ? 4 : 2) * c.nLayers() + dim
                + (c.qkNorm() ? 2L * c.headSize() * c.nLayers() : 0);
        // qwen2: Llama with biases on the q, k and v projections
        long biases = c.qkvBias() ? ((long) c.qDim() + 2L * c.kvDim()) * c.nLayers() : 0;
        return m.layerParameters() + m.vocabParameters() + norms + biases;
    }

    /**
     * The fixture's count, read from the same place {@code --plan} reads its configuration (the GGUF header in the
     * model cache, or the committed or cached config.json); empty with the reason when that is not on this machine.
     */
    public static Counted of(ModelFixture f) {
        try {
            Planner.Config c = Planner.config(f);
            ModelConfig m = c.config();
            // a GGUF may store the output matrix apart from the embedding even where the original model ties them
            // (the Qwen2.5-Coder files): counted, since the forward pass multiplies by it, and said
            String untied = m.tiedEmbeddings() ? "" : String.format(java.util.Locale.ROOT, "; counts the output "
                    + "matrix stored apart from the embedding, %d x %d = %s", m.vocabSize(), m.dim(),
                    shortForm((long) m.vocabSize() * m.dim()));
            return new Counted(OptionalLong.of(of(m)), c.source() + untied);
        } catch (FixtureException | ModelFormatException | IllegalArgumentException e) {
            return new Counted(OptionalLong.empty(), e.getMessage());
        }
    }

    /**
     * The count of the model of that fixture name in the project's fixtures/models, empty when there is no such
     * fixture or its configuration is not on this machine.
     */
    public static java.util.Optional<Long> ofInstalled(String model) {
        try {
            attendfirst.fixture.ModelFixtures fixtures = attendfirst.fixture.ModelFixtures.load();
            if (!fixtures.names().contains(model)) {
                return java.util.Optional.empty();
            }
            OptionalLong n = of(fixtures.get(model)).parameters();
            return n.isPresent() ? java.util.Optional.of(n.getAsLong()) : java.util.Optional.empty();
        } catch (FixtureException e) {
            return java.util.Optional.empty();
        }
    }

    /** A count (empty when unknown) and where it came from (or why it is unknown). */
    public record Counted(OptionalLong parameters, String source) {
    }

    /** "135M", "1.5B", "7.2B": the count as the model names write it. */
    public static String shortForm(long n) {
        if (n >= 1_000_000_000L) {
            double b = n / 1e9;
            return (b >= 10 ? String.format(java.util.Locale.ROOT, "%.0fB", b)
                    : String.format(java.util.Locale.ROOT, "%.2fB", b));
        }
        return String.format(java.util.Locale.ROOT, "%.0fM", n / 1e6);
    }
}
