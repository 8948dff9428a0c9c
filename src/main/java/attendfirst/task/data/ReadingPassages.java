package attendfirst.task.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generates the offline stand-in for SQuAD: short passages about an invented person with four facts
 * of different kinds (birthplace, friend, a named animal or vehicle, a named workplace), each asked
 * by one question whose answer is a span of the passage made of invented words. Because the names
 * are invented, a model cannot answer from memory, only by reading the previous tokens.
 */
public final class ReadingPassages {

    /** One passage with its four question/answer pairs; {@code answers.get(i)} answers {@code questions.get(i)}. */
    public record Passage(String text, List<String> questions, List<String> answers) {
        public Passage {
            questions = List.copyOf(questions);
            answers = List.copyOf(answers);
        }
    }

    private static final List<String> ANIMALS = List.of("cat", "dog", "horse", "goat", "parrot", "donkey");
    private static final List<String> VEHICLES = List.of("boat", "bicycle", "wagon", "canoe", "sled");
    private static final List<String> WORKPLACES = List.of("bakery", "library", "workshop", "mill", "theatre", "inn");
    private static final List<String> SETTLEMENTS = List.of("town", "village", "city", "port");

    private ReadingPassages() {}

    public static Passage generate(Random random) {
        InventedNames names = new InventedNames(random);
        String person = names.person();
        String first = person.substring(0, person.indexOf(' '));
        boolean she = names.nextBoolean();

        String birthplace = names.word();
        String friend = names.person();
        boolean animal = names.nextBoolean();
        String thing = animal ? names.pick(ANIMALS) : names.pick(VEHICLES);
        String thingName = names.word();
        String workplace = names.pick(WORKPLACES);
        String workplaceName = names.word();

        // Facts name the person (no pronouns): the test is whether the model can read the passage, not
        // whether a 135M model resolves coreference.
        List<String> facts = new ArrayList<>(List.of(
                first + " was born in the " + names.pick(SETTLEMENTS) + " of " + birthplace + ".",
                first + "'s best friend was " + friend + ".",
                first + (animal ? " had a " + thing + " named " : " owned a " + thing + " called ") + thingName + ".",
                first + " worked at a " + workplace + " called " + workplaceName + "."));
        // The person is introduced first; the order of the facts varies so position is no cue.
        Collections.shuffle(facts, random);
        String text = person + " is a " + names.pick(List.of("quiet", "cheerful", "busy", "curious")) + " "
                + (she ? "woman" : "man") + ". " + String.join(" ", facts);

        List<String> questions = List.of(
                "Where was " + first + " born?",
                "Who was " + first + "'s best friend?",
                "What was the name of " + first + "'s " + thing + "?",
                "What was the name of the " + workplace + " where " + first + " worked?");
        List<String> answers = List.of(birthplace, friend, thingName, workplaceName);
        return new Passage(text, questions, answers);
    }
}
