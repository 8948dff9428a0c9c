package attendfirst.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One evaluation item: the full prompt given to the model, the accepted answers (references), and
 * task-specific extras such as {@code country}/{@code shotCountry}/{@code capital} for capitals or
 * {@code passage}/{@code question} for reading comprehension.
 */
public record Example(String id, String prompt, List<String> answers, Map<String, String> fields) {

    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        if (answers == null || answers.isEmpty()) {
            throw new IllegalArgumentException("Example " + id + " has no answers; every example needs at least one reference");
        }
        answers = List.copyOf(answers);
        // Keep insertion order so dumps read naturally; still immutable.
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields == null ? Map.of() : fields));
    }

    /** A field that the task promised to set; a missing one is a programming error, not bad data. */
    public String field(String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Example " + id + " has no field '" + key + "', it has " + fields.keySet());
        }
        return value;
    }
}
