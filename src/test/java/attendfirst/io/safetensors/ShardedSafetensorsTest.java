package attendfirst.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.io.ModelFormatException;
import attendfirst.io.TensorSource;
import com.google.gson.JsonObject;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A two-shard checkpoint with its index (tools/io_make_safetensors_vectors.py) and directory detection. */
@Epic("Infrastructure")
@Feature("safetensors reader")
class ShardedSafetensorsTest {
    private static final Path SHARDED_DIR = SafetensorsVectors.resource("sharded");
    private static final Path INDEX = SHARDED_DIR.resolve("model.safetensors.index.json");
    private static final JsonObject EXPECTED = SafetensorsVectors.expected("sharded.expected.json");

    @Test
    void everyTensorOfTheWeightMapIsReadFromItsShard() {
        // GIVEN an index naming two shards
        try (ShardedSafetensors st = ShardedSafetensors.open(INDEX)) {
            // THEN it exposes every tensor of the weight map, each with the values torch wrote into its shard
            assertThat(st.shards()).containsOnlyKeys("model-00001-of-00002.safetensors",
                    "model-00002-of-00002.safetensors");
            assertThat(st.tensorNames()).containsExactlyElementsOf(EXPECTED.getAsJsonObject("tensors").keySet());
            for (Map.Entry<String, com.google.gson.JsonElement> e : EXPECTED.getAsJsonObject("tensors").entrySet()) {
                JsonObject want = e.getValue().getAsJsonObject();
                String name = e.getKey();
                assertThat(st.shards().get(want.get("shard").getAsString()).has(name)).as(name).isTrue();
                assertThat(st.shape(name)).as(name).containsExactly(SafetensorsVectors.shape(want));
                assertThat(SafetensorsVectors.rawBits(st.readFloat32(name))).as(name)
                        .containsExactly(SafetensorsVectors.bits(want));
            }
            assertThat(st.dtype("layers.0.w")).isEqualTo("BF16");
            assertThat(st.describe()).contains(INDEX.toString()).contains("2 shards");
        }
    }

    @Test
    void openDirectoryPicksTheIndexOfAShardedCheckpoint() {
        try (TensorSource st = Safetensors.openDirectory(SHARDED_DIR)) {
            assertThat(st).isInstanceOf(ShardedSafetensors.class);
            assertThat(st.has("norm.weight")).isTrue();
        }
    }

    @Test
    void openDirectoryPicksModelSafetensorsOfASingleFileCheckpoint(@TempDir Path dir) throws IOException {
        // GIVEN a directory with model.safetensors (and a decoy index the single file must win over)
        Files.copy(SafetensorsVectors.resource("mixed.safetensors"), dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\": {}}");
        // WHEN the directory is opened THEN the single file is used
        try (TensorSource st = Safetensors.openDirectory(dir)) {
            assertThat(st).isInstanceOf(SafetensorsFile.class);
            assertThat(st.has("model.f32")).isTrue();
        }
    }

    @Test
    void openDirectoryWithoutWeightsListsWhatItFound(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.writeString(dir.resolve("model.gguf"), "x");
        assertThatThrownBy(() -> Safetensors.openDirectory(dir))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("model.safetensors").hasMessageContaining("model.safetensors.index.json")
                .hasMessageContaining("config.json, model.gguf");
        assertThatThrownBy(() -> Safetensors.openDirectory(dir.resolve("absent")))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("absent");
    }

    @Test
    void aMissingShardIsNamedWithTheIndex(@TempDir Path dir) throws IOException {
        // GIVEN an index whose second shard is not there
        Files.copy(INDEX, dir.resolve("model.safetensors.index.json"));
        Files.copy(SHARDED_DIR.resolve("model-00001-of-00002.safetensors"),
                dir.resolve("model-00001-of-00002.safetensors"));
        // WHEN it is opened THEN the error names the missing shard and the index
        assertThatThrownBy(() -> ShardedSafetensors.open(dir.resolve("model.safetensors.index.json")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model-00002-of-00002.safetensors")
                .hasMessageContaining(dir.resolve("model.safetensors.index.json").toString())
                .hasMessageContaining("not found");
    }

    @Test
    void anIndexNamingATensorItsShardLacksIsRejected(@TempDir Path dir) throws IOException {
        Files.copy(SHARDED_DIR.resolve("model-00001-of-00002.safetensors"), dir.resolve("a.safetensors"));
        Path index = Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"embed.weight\": \"a.safetensors\", \"lm_head.weight\": \"a.safetensors\"}}");
        assertThatThrownBy(() -> ShardedSafetensors.open(index))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("lm_head.weight").hasMessageContaining("a.safetensors")
                .hasMessageContaining(index.toString());
    }

    @Test
    void anIndexWithoutWeightMapOrWithBadJsonIsRejected(@TempDir Path dir) throws IOException {
        Path noMap = Files.writeString(dir.resolve("a.index.json"), "{\"metadata\": {}}");
        assertThatThrownBy(() -> ShardedSafetensors.open(noMap))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("weight_map")
                .hasMessageContaining(noMap.toString());
        Path bad = Files.writeString(dir.resolve("b.index.json"), "{weight_map: ");
        assertThatThrownBy(() -> ShardedSafetensors.open(bad))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("not valid JSON")
                .hasMessageContaining(bad.toString());
    }

    @Test
    void anUnknownTensorNameNamesTheIndex() {
        try (ShardedSafetensors st = ShardedSafetensors.open(INDEX)) {
            assertThatThrownBy(() -> st.shape("lm_head.weight"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("lm_head.weight").hasMessageContaining(INDEX.toString());
        }
    }
}
