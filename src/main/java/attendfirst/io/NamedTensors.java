package attendfirst.io;

import java.util.Map;
import java.util.Set;

/**
 * A {@link TensorSource} whose tensors are found by name in a map built when it was opened: the name lookups every
 * format shares, with one error for a name the source does not have.
 *
 * @param <E> what the format keeps per tensor (its header entry, or the shard that holds it)
 */
public abstract class NamedTensors<E> implements TensorSource {
    private final Map<String, E> byName;
    private final String source; // how errors name the source, e.g. "GGUF file /models/x.gguf"

    protected NamedTensors(Map<String, E> byName, String source) {
        this.byName = byName;
        this.source = source;
    }

    /** The entry of tensor {@code name}; an unknown name throws naming the source and the tensor. */
    protected final E entry(String name) {
        E e = byName.get(name);
        if (e == null) {
            throw new ModelFormatException(source + " has no tensor named " + name + " (it has " + byName.size()
                    + " tensors)");
        }
        return e;
    }

    @Override
    public Set<String> tensorNames() {
        return byName.keySet();
    }

    @Override
    public boolean has(String name) {
        return byName.containsKey(name);
    }
}
