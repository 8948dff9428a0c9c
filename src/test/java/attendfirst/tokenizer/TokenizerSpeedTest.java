package attendfirst.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.io.RealModels;
import attendfirst.io.gguf.GgufFile;
import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Building a real tokenizer and encoding a 2,000-character text are fast enough not to matter next to
 * a forward pass. Bounds are the project's own (not the paper's), loose for a shared 2-core machine:
 * build under {@value #MAX_BUILD_MS} ms, encode (median of {@value #RUNS} runs after warm-up) under
 * {@value #MAX_ENCODE_MS} ms.
 */
@Epic("Infrastructure")
@Feature("Tokenizers")
class TokenizerSpeedTest {

    static final long MAX_BUILD_MS = 2000;
    static final long MAX_ENCODE_MS = 50;
    static final int RUNS = 21;

    static String text2000() {
        String base = "Q: What is the capital of Spain? \n A: Madrid \n Q: What is the capital of France? \n A: Paris. "
                + "The hidden states of previous tokens matter less in the upper layers; café, naïve, 東京, 42 + 17 = 59. ";
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 2000) {
            sb.append(base);
        }
        return sb.substring(0, 2000);
    }

    @ParameterizedTest
    @ValueSource(strings = {RealModels.SMOLLM2, RealModels.GEMMA3})
    void buildAndEncodeTakeMillisecondsNotSeconds(String fileName) {
        var path = RealModels.require(fileName);
        // GIVEN the vocabulary metadata read from the GGUF
        GgufVocabulary vocabulary;
        long readStart = System.nanoTime();
        try (GgufFile gguf = GgufFile.open(path)) {
            vocabulary = GgufVocabulary.read(gguf);
        }
        long readMs = (System.nanoTime() - readStart) / 1_000_000;
        // WHEN the tokenizer is built and a 2,000-character text encoded repeatedly
        long buildStart = System.nanoTime();
        Tokenizer tok = Tokenizers.fromVocabulary(vocabulary);
        long buildMs = (System.nanoTime() - buildStart) / 1_000_000;
        String text = text2000();
        for (int i = 0; i < 5; i++) {
            tok.encode(text);
        }
        double[] encodeMs = new double[RUNS];
        int tokens = 0;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            tokens = tok.encode(text).size();
            encodeMs[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(encodeMs);
        double median = encodeMs[RUNS / 2];
        String report = String.format("%s: metadata read %d ms, build %d ms, encode 2000 chars -> %d tokens: median %.2f ms",
                fileName, readMs, buildMs, tokens, median);
        System.out.println(report);
        Allure.addAttachment("timings", report);
        // THEN both stay within the bounds
        assertThat(buildMs).as("build ms (bound %d ms, project's own)", MAX_BUILD_MS).isLessThan(MAX_BUILD_MS);
        assertThat(median).as("median encode ms (bound %d ms, project's own)", MAX_ENCODE_MS).isLessThan(MAX_ENCODE_MS);
        assertThat(tok.decode(tok.encode(text, false).ids())).isEqualTo(text);
    }
}
