package attendfirst.task.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.task.Golden;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PorterStemmerTest {

    @Test
    void stemsTheTextbookExamples() {
        // examples given with the published algorithm
        assertThat(PorterStemmer.stem("caresses")).isEqualTo("caress");
        assertThat(PorterStemmer.stem("hopping")).isEqualTo("hop");
        assertThat(PorterStemmer.stem("relational")).isEqualTo("relat");
        assertThat(PorterStemmer.stem("generalizations")).isEqualTo("gener");
    }

    @Test
    void agreesWithNltkOnEveryGoldenWord() {
        // GIVEN words stemmed by nltk's PorterStemmer (the one rouge-score uses), see tools/tasks_rouge_golden.py
        List<String> mismatches = new ArrayList<>();
        int n = 0;
        for (JsonElement e : Golden.metrics().getAsJsonArray("stems")) {
            JsonObject c = e.getAsJsonObject();
            String word = c.get("word").getAsString();
            // WHEN stemmed in Java
            String got = PorterStemmer.stem(word);
            String want = c.get("nltk").getAsString();
            if (!got.equals(want)) {
                mismatches.add(word + ": java " + got + ", nltk " + want);
            }
            // rouge-score only stems tokens longer than three characters
            List<String> tokens = new Rouge(true).tokenize(word);
            if (!tokens.equals(RougeTest.strings(c.getAsJsonArray("rougeTokens")))) {
                mismatches.add(word + ": rouge tokens java " + tokens + ", python " + c.get("rougeTokens"));
            }
            n++;
        }
        // THEN all agree
        assertThat(n).isGreaterThan(150);
        assertThat(mismatches).as("stems that differ from nltk").isEmpty();
    }
}
