package attendfirst.io.safetensors;

import attendfirst.io.ModelFormatException;
import attendfirst.io.NamedTensors;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint split over several .safetensors files, as described by a Hugging Face
 * model.safetensors.index.json: {"metadata": {...}, "weight_map": {tensor name: shard file name}}.
 * Every shard named in the index is opened (and checked to hold its tensors) up front.
 */
public final class ShardedSafetensors extends NamedTensors<SafetensorsFile> {
    private final Path index;
    private final Map<String, SafetensorsFile> shards;  // by shard file name, index order

    private ShardedSafetensors(Path index, Map<String, SafetensorsFile> shards, Map<String, SafetensorsFile> byTensor) {
        super(byTensor, "safetensors index " + index);
        this.index = index;
        this.shards = shards;
    }

    public static ShardedSafetensors open(Path indexJson) {
        JsonObject weightMap = readWeightMap(indexJson);
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> byTensor = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, JsonElement> e : weightMap.entrySet()) {
                String tensor = e.getKey();
                if (!e.getValue().isJsonPrimitive() || !e.getValue().getAsJsonPrimitive().isString()) {
                    throw new ModelFormatException("safetensors index " + indexJson + ": weight_map." + tensor
                            + " is " + e.getValue() + ", expected a shard file name");
                }
                String shardName = e.getValue().getAsString();
                SafetensorsFile shard = shards.get(shardName);
                if (shard == null) {
                    Path shardPath = indexJson.toAbsolutePath().getParent().resolve(shardName);
                    if (!Files.isRegularFile(shardPath)) {
                        throw new ModelFormatException("safetensors shard " + shardName + " named by index "
                                + indexJson + " (for tensor " + tensor + ") not found at " + shardPath);
                    }
                    shard = SafetensorsFile.open(shardPath);
                    shards.put(shardName, shard);
                }
                if (!shard.has(tensor)) {
                    throw new ModelFormatException("safetensors index " + indexJson + " puts tensor " + tensor
                            + " in shard " + shardName + ", which has no such tensor");
                }
                byTensor.put(tensor, shard);
            }
        } catch (RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
        return new ShardedSafetensors(indexJson, Collections.unmodifiableMap(shards),
                Collections.unmodifiableMap(byTensor));
    }

    private static JsonObject readWeightMap(Path indexJson) {
        String text;
        try {
            text = Files.readString(indexJson);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("safetensors index not found: " + indexJson.toAbsolutePath());
        } catch (IOException e) {
            throw new ModelFormatException("cannot read safetensors index " + indexJson + ": " + e, e);
        }
        try {
            JsonElement root = StrictJson.parse(text);
            JsonElement map = root.isJsonObject() ? root.getAsJsonObject().get("weight_map") : null;
            if (map == null || !map.isJsonObject()) {
                throw new ModelFormatException("safetensors index " + indexJson
                        + " has no \"weight_map\" object mapping tensor names to shard files");
            }
            return map.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ModelFormatException("safetensors index " + indexJson + " is not valid JSON: " + e.getMessage(),
                    e);
        }
    }

    /** The shards by file name, in the order the index first names them. */
    public Map<String, SafetensorsFile> shards() {
        return shards;
    }

    private SafetensorsFile shardOf(String name) {
        return entry(name);
    }

    public String dtype(String name) {
        return shardOf(name).dtype(name);
    }

    @Override
    public String describe() {
        return index + " (" + shards.size() + " shards)";
    }

    @Override
    public long[] shape(String name) {
        return shardOf(name).shape(name);
    }

    @Override
    public float[] readFloat32(String name) {
        return shardOf(name).readFloat32(name);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (SafetensorsFile shard : shards.values()) {
            try {
                shard.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
