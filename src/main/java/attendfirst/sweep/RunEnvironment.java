package attendfirst.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader of a report needs to reproduce the run: which model files (by SHA-256), the compute dtype and
 * device, and the library versions. The sweep engine fills it; the report writes it to Allure's
 * environment.properties.
 *
 * @param models     one entry per model used
 * @param dtype      compute dtype, "float32"
 * @param device     DJL device, "cpu()" or "gpu(0)"
 * @param djlVersion DJL version, e.g. "0.36.0"
 * @param engine     engine and its native version, e.g. "PyTorch 2.7.1"
 * @param jdkVersion {@code System.getProperty("java.version")}
 * @param extra      anything else worth a line (git commit, sweep sizes), kept in insertion order
 */
public record RunEnvironment(List<ModelFile> models, String dtype, String device, String djlVersion, String engine,
                             String jdkVersion, Map<String, String> extra) {

    /** A model by name, its weights file and the file's SHA-256 (hex). */
    public record ModelFile(String name, String file, String sha256) {
    }

    public RunEnvironment {
        models = List.copyOf(models);
        extra = extra == null ? Map.of() : new LinkedHashMap<>(extra);
    }

    /** Flat key/value lines for environment.properties, in a stable order. */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        for (ModelFile m : models) {
            p.put("model." + m.name(), m.file() + " sha256=" + m.sha256());
        }
        p.put("dtype", dtype);
        p.put("device", device);
        p.put("djl", djlVersion);
        p.put("engine", engine);
        p.put("jdk", jdkVersion);
        p.putAll(extra);
        return p;
    }
}
