package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.Project;
import attendfirst.io.gguf.GgufFile;
import attendfirst.io.gguf.GgufTensorInfo;
import attendfirst.model.ModelConfig;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The ladder's x: parameter counts from configurations, against the model cards and the GGUF files' tensors. */
@Epic("Attend First, Consolidate Later (Ben-Artzy & Schwartz 2024)")
@Feature("model ladder")
class ParameterCountTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"llama2-7b, 6738415616", "mistral-7b-v0.1, 7241732096", "llemma-7b, 6738546688"})
    void paperModelsCountAsTheirModelCards(String model, long published) {
        // GIVEN the committed config.json of a paper model WHEN counted THEN the model card's count
        assertThat(ParameterCount.of(ModelFixtures.load().get(model)).parameters()).hasValue(published);
    }

    @Test
    void yiCountsAsItsCard() {
        assertThat(ParameterCount.of(ModelFixtures.load().get("yi-6b")).parameters().getAsLong())
                .isBetween(6_055_000_000L, 6_065_000_000L);
    }

    @Test
    void qwen2AddsItsQkvBiasesToLlamasCount() {
        // GIVEN Qwen2.5-0.5B's shape (24 layers, dim 896, 14/2 heads, FFN 4864, vocab 151936, tied)
        ModelConfig llama = ModelConfig.llama(896, 4864, 24, 14, 2, 151936, 1e-6f, 1e6, true, 64);
        ModelConfig qwen2 = llama.asQwen2();
        // THEN its model card's 494,032,768, of which 24 x (896 + 2 x 128) are the q, k, v biases
        assertThat(ParameterCount.of(qwen2)).isEqualTo(494_032_768L);
        assertThat(ParameterCount.of(qwen2) - ParameterCount.of(llama)).isEqualTo(24L * (896 + 2 * 128));
    }

    /**
     * The Qwen2.5-Coder GGUFs store the output matrix apart from the embedding (Q8_0 beside a Q5_0 embedding; the
     * two dequantised differ by at most 0.008, quantisation noise: the original ties them), so they hold the
     * model cards' 494,032,768 and 1,543,714,304 plus 151936 x 896 and 151936 x 1536: the file's count is used.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"smollm2-135m-instruct, 134515008", "gemma3-270m, 268098176",
        "qwen2.5-coder-0.5b-instruct, 630167424", "qwen2.5-coder-1.5b-instruct, 1777088000"})
    void ggufModelsCountAsTheTensorsInTheirFile(String model, long published) {
        // GIVEN the fetched GGUF of a default model (skipped when not fetched)
        ModelFixture f = ModelFixtures.load().get(model);
        Path file = Project.modelCache().resolve(f.source().file());
        assumeTrue(Files.isRegularFile(file), "fetch it with: python3 scripts/fetch_models.py " + model);
        // WHEN counted from the header's configuration THEN the model card's count, and every element of every
        // tensor in the file (a tied output is not stored twice)
        ParameterCount.Counted c = ParameterCount.of(f);
        assertThat(c.parameters()).hasValue(published);
        assertThat(c.source()).contains("GGUF header of " + file);
        if (model.startsWith("qwen")) {
            assertThat(c.source()).contains("counts the output matrix stored apart from the embedding, 151936 x");
        } else {
            assertThat(c.source()).doesNotContain("apart");
        }
        try (GgufFile g = GgufFile.open(file)) {
            long elements = g.tensors().values().stream().mapToLong(GgufTensorInfo::elementCount).sum();
            assertThat(elements).isEqualTo(published);
        }
    }

    @Test
    void theRunsDigestRecordsTheCountInTheSummary() {
        // GIVEN a run of SmolLM2 (its GGUF fetched) WHEN its digest takes the run's side
        Path file = Project.modelCache().resolve(ModelFixtures.load().get("smollm2-135m-instruct").source().file());
        assumeTrue(Files.isRegularFile(file), "fetch it with: python3 scripts/fetch_models.py smollm2-135m-instruct");
        attendfirst.sweep.RunEnvironment env = new attendfirst.sweep.RunEnvironment(java.util.List.of(), "float32",
                "cpu()", "0.36.0", "PyTorch 2.7.1", "17", java.util.Map.of());
        ModelDigest d = new ModelDigest("smollm2-135m-instruct", 30, java.util.Map.of(), null, null, null,
                java.util.List.of(), null, null).withRun(env);
        // THEN it carries the count, and the summary's JSON brings it back
        assertThat(d.parameters()).isEqualTo(134_515_008L);
        assertThat(d.toJson().get("parameters").getAsLong()).isEqualTo(134_515_008L);
        assertThat(ModelDigest.fromJson(d.toJson(), "test").parameters()).isEqualTo(134_515_008L);
        // and a model without a fixture has none
        assertThat(new ModelDigest("m", 2, java.util.Map.of(), null, null, null, java.util.List.of(), null, null)
                .withRun(env).parameters()).isNull();
    }

    @Test
    void shortFormsReadAsModelNames() {
        assertThat(ParameterCount.shortForm(134_515_008L)).isEqualTo("135M");
        assertThat(ParameterCount.shortForm(1_543_714_304L)).isEqualTo("1.54B");
        assertThat(ParameterCount.shortForm(7_241_732_096L)).isEqualTo("7.24B");
    }
}
