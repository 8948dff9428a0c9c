package attendfirst.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.io.RealModels;
import attendfirst.io.gguf.GgufFile;
import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Story;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Java ids, spans and decodes equal HF transformers' tokenizer built from the same GGUF (tools/tokenizer_golden.py). */
@Epic("Infrastructure")
@Feature("Tokenizers")
class GgufTokenizerGoldenTest {

    private static final Map<String, String> FILES = Map.of("smollm2", RealModels.SMOLLM2, "gemma3", RealModels.GEMMA3,
            "qwen2", RealModels.QWEN25_05B);
    private static final Map<String, Tokenizer> BUILT = new ConcurrentHashMap<>();

    /** Hand-written strings (golden-MODEL.json), then seeded random ones (golden-random-MODEL.json). */
    static Stream<Arguments> cases() {
        return Stream.of("smollm2", "gemma3", "qwen2").flatMap(model -> Stream.of("golden-", "golden-random-")
                .flatMap(prefix -> GoldenCases.load(prefix + model + ".json").cases().stream()
                        .map(c -> Arguments.argumentSet(model + " " + c, model, c))));
    }

    /** HF's decodes of seeded random id sequences (golden-MODEL.json "decodeCases"). */
    static Stream<Arguments> decodeCases() {
        return Stream.of("smollm2", "gemma3", "qwen2").flatMap(model -> {
            var json = GoldenCases.load("golden-" + model + ".json").header().getAsJsonArray("decodeCases");
            return java.util.stream.IntStream.range(0, json.size()).mapToObj(i -> {
                var c = json.get(i).getAsJsonObject();
                return Arguments.argumentSet(model + " ids #" + i, model, GoldenCases.ints(c.getAsJsonArray("ids")),
                        c.get("decoded").getAsString());
            });
        });
    }

    private static Tokenizer tokenizer(String model) {
        var path = RealModels.require(FILES.get(model));
        return BUILT.computeIfAbsent(model, m -> {
            try (GgufFile file = GgufFile.open(path)) {
                return Tokenizers.fromGguf(file);
            }
        });
    }

    @Story("GGUF tokenizers give HF transformers' ids")
    @ParameterizedTest
    @MethodSource("cases")
    void encodeGivesHfIdsAndSpansWithTheModelsBosPolicy(String model, GoldenCases.Case c) {
        // GIVEN the tokenizer built from the model's GGUF
        Tokenizer tok = tokenizer(model);
        Allure.parameter("model", model);
        // WHEN the golden text is encoded with the default BOS policy
        Encoding e = tok.encode(c.text());
        // THEN ids and spans are HF's
        assertThat(e.ids()).as("ids of %s", c).containsExactly(c.ids());
        assertThat(e.start()).as("span starts of %s", c).containsExactly(c.start());
        assertThat(e.end()).as("span ends of %s", c).containsExactly(c.end());
    }

    @Story("GGUF tokenizers decode like HF transformers")
    @ParameterizedTest
    @MethodSource("cases")
    void decodeGivesHfTextAndRoundTripsWhereHfDoes(String model, GoldenCases.Case c) {
        Tokenizer tok = tokenizer(model);
        // WHEN HF's ids are decoded THEN the text is HF's decode (BOS shows as its token text)
        assertThat(tok.decode(c.ids())).as("decode of %s", c).isEqualTo(c.decoded());
        // AND without BOS the text comes back unchanged wherever HF's does
        if (c.roundTrips()) {
            assertThat(tok.decode(tok.encode(c.text(), false).ids())).as("round trip of %s", c).isEqualTo(c.text());
        }
    }

    @Story("GGUF tokenizers decode like HF transformers")
    @ParameterizedTest
    @MethodSource("decodeCases")
    void decodeOfArbitraryIdsGivesHfTextIncludingReplacementCharacters(String model, int[] ids, String expected) {
        // GIVEN random ids, half of them single bytes (partial UTF-8) WHEN decoded THEN the text is HF's
        assertThat(tokenizer(model).decode(ids)).as("decode of %s", java.util.Arrays.toString(ids)).isEqualTo(expected);
    }

    @Story("GGUF tokenizers give HF transformers' ids")
    @org.junit.jupiter.api.Test
    void qwen25SizesShareOneVocabularySoTheQwen2GoldenCoversBoth() {
        // GIVEN both Qwen2.5 GGUFs (the golden strings were tokenised with the 0.5B file)
        var small = RealModels.require(RealModels.QWEN25_05B);
        var large = RealModels.require(RealModels.QWEN25_15B);
        // WHEN their vocabulary metadata is read
        GgufVocabulary a;
        GgufVocabulary b;
        try (GgufFile fa = GgufFile.open(small); GgufFile fb = GgufFile.open(large)) {
            a = GgufVocabulary.read(fa);
            b = GgufVocabulary.read(fb);
        }
        // THEN tokens, merges, pre-tokeniser and special ids are the same
        assertThat(b.pre()).isEqualTo(a.pre()).isEqualTo("qwen2");
        assertThat(b.tokens()).isEqualTo(a.tokens());
        assertThat(b.merges()).isEqualTo(a.merges());
        assertThat(b.eosId()).isEqualTo(a.eosId());
        assertThat(b.addBos()).isEqualTo(a.addBos());
    }
}
