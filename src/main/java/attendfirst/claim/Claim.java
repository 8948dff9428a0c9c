package attendfirst.claim;

import java.util.List;

/**
 * One claim of the paper, made checkable.
 *
 * @param id           "C1", "C4b"
 * @param title        short story name, "random top 30%"
 * @param family       Allure feature: random / shuffle / freeze / switch / skip-attention
 * @param paperWords   the paper's wording (or this project's paraphrase of it)
 * @param manipulation the manipulation whose sweep is judged ("switch" for the switch experiment)
 * @param tasks        the tasks the claim is checked on (ignored by switch claims, which use capitals pairs)
 * @param comparison   what is compared, with its thresholds
 */
public record Claim(String id, String title, String family, String paperWords, String manipulation,
                    List<String> tasks, Comparison comparison) {

    public Claim {
        tasks = List.copyOf(tasks);
    }

    public boolean isSwitch() {
        return comparison instanceof Comparison.SwitchFlip;
    }

    /** "C1 random top 30%" */
    public String label() {
        return id + " " + title;
    }
}
