package attendfirst.sweep;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import ai.djl.ndarray.types.DataType;
import attendfirst.intervention.Manipulation;
import attendfirst.model.DecoderModel;
import attendfirst.model.Forward;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The set-up the manipulation parity tests share (ManipulationParityTest on the real default model,
 * Qwen2ManipulationParityTest on the tiny Qwen2 replica): a golden file of HF transformers with forward hooks
 * (tools/golden_manipulations.py, tools/qwen2_tiny.py), one parameterized case per run, the manipulation a run
 * names (inject: the source prompt's layer-k input at a position), and the engine's last-position logits for it.
 *
 * @param json   the golden file
 * @param model  the model the engine runs
 * @param engine the fast sweep engine under test
 */
record ManipulationGolden(JsonObject json, DecoderModel model, SweepEngine engine) {

    static ManipulationGolden of(Path file, DecoderModel model) {
        try {
            return new ManipulationGolden(JsonParser.parseString(Files.readString(file)).getAsJsonObject(), model,
                    new SweepEngine(model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden " + file, e);
        }
    }

    /** One case per run of the golden, named "freeze k=3". */
    Stream<Arguments> runs() {
        return json.getAsJsonArray("runs").asList().stream().map(JsonElement::getAsJsonObject)
                .map(r -> argumentSet(r.get("manipulation").getAsString() + " k=" + r.get("k").getAsInt(), r));
    }

    /** The token ids of {@code key}. */
    int[] ids(String key) {
        return ints(json.getAsJsonArray(key));
    }

    int integer(String key) {
        return json.get(key).getAsInt();
    }

    /**
     * The run's manipulation: inject puts the layer-k input of {@code sourceKey}'s token ids at
     * {@code sourcePosition} into {@code injectPosition}; the others are the kind at k with this seed and example.
     */
    Manipulation manipulation(JsonObject run, int injectPosition, String sourceKey, int sourcePosition, long seed,
                              long example) {
        int k = run.get("k").getAsInt();
        Manipulation.Kind kind = Manipulation.Kind.named(run.get("manipulation").getAsString());
        return kind == Manipulation.Kind.INJECT
                ? Manipulation.inject(k, injectPosition, layerInput(ids(sourceKey), k, sourcePosition))
                : kind.at(k, seed, example);
    }

    /** The engine's result for the prompt under one manipulation, next token only. */
    RunResult run(int[] prompt, Manipulation m) {
        try (Forward.Trace clean = engine.prepare(prompt)) {
            return engine.run(prompt, clean, List.of(m), Generation.nextToken()).get(0);
        }
    }

    /** The clean layer-k input of {@code tokens} at {@code position}. */
    float[] layerInput(int[] tokens, int k, int position) {
        try (Forward.Trace trace = new Forward(model).forward(tokens, true, tokens.length)) {
            return trace.layerInputs()[k].get(":, {}, :", position).toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    static int[] ints(JsonArray a) {
        return a.asList().stream().mapToInt(JsonElement::getAsInt).toArray();
    }
}
