package attendfirst.task.data;

import java.util.List;
import java.util.Random;

/**
 * Generates the offline stand-in for CNN/DailyMail: short news items (five sentences) about invented
 * towns, people and organisations, each with a two-sentence "highlights" reference written the way
 * CNN highlights are (the key facts, reworded). Five story kinds keep the set from being one template.
 */
public final class NewsArticles {

    public record Article(String article, String highlights) {}

    private static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday");
    private static final List<String> FACILITIES = List.of("bridge", "library", "hospital", "school", "stadium");
    private static final List<String> ANIMALS = List.of("frog", "beetle", "lizard", "bird", "snail");
    private static final List<String> PRODUCTS = List.of("bicycles", "solar panels", "furniture", "toys", "shoes");

    private NewsArticles() {}

    public static Article generate(Random random) {
        InventedNames n = new InventedNames(random);
        return switch (n.nextInt(5)) {
            case 0 -> council(n);
            case 1 -> storm(n);
            case 2 -> football(n);
            case 3 -> species(n);
            default -> factory(n);
        };
    }

    private static Article council(InventedNames n) {
        String town = n.word();
        String facility = n.pick(FACILITIES);
        String mayor = n.person();
        int cost = 3 + n.nextInt(40);
        int year = 2026 + n.nextInt(5);
        int yes = 7 + n.nextInt(5);
        int no = 1 + n.nextInt(5);
        String article = "The council of " + town + " voted on " + n.pick(DAYS) + " to build a new " + facility
                + " near the old market. The " + facility + " will cost " + cost + " million dollars and should open in "
                + year + ". Mayor " + mayor + " said the project would bring jobs to the area. Some residents worried about"
                + " noise during the works. The plan was approved by " + yes + " votes to " + no + ".";
        String highlights = town + " council approves a new " + facility + " costing " + cost + " million dollars. Mayor "
                + mayor + " says it will bring jobs and it should open in " + year + ".";
        return new Article(article, highlights);
    }

    private static Article storm(InventedNames n) {
        String town = n.word();
        String chief = n.person();
        int wind = 90 + n.nextInt(80);
        int houses = 10 + n.nextInt(200);
        String article = "A strong storm hit the coastal town of " + town + " on " + n.pick(DAYS) + " night. Winds of up"
                + " to " + wind + " kilometres per hour damaged " + houses + " houses and cut power to the harbour. No one was"
                + " hurt, said police chief " + chief + ". Repair teams will work through the weekend. Schools in the town"
                + " will stay closed until the power is back.";
        String highlights = "Storm with winds of " + wind + " kilometres per hour damages " + houses + " houses in " + town
                + ". No one was hurt, says police chief " + chief + ".";
        return new Article(article, highlights);
    }

    private static Article football(InventedNames n) {
        String winner = n.word() + " United";
        String loser = n.word() + " City";
        String striker = n.person();
        int a = 2 + n.nextInt(3);
        int b = n.nextInt(a);
        int years = 5 + n.nextInt(40);
        String cup = n.word();
        String article = winner + " beat " + loser + " " + a + "-" + b + " on " + n.pick(DAYS) + " to win the " + cup
                + " Cup. Striker " + striker + " scored twice in the second half. It is the club's first title in " + years
                + " years. Thousands of fans filled the streets after the match. The coach said the players had worked hard"
                + " all season.";
        String highlights = winner + " beat " + loser + " " + a + "-" + b + " to win the " + cup + " Cup. Striker "
                + striker + " scores twice as the club wins its first title in " + years + " years.";
        return new Article(article, highlights);
    }

    private static Article species(InventedNames n) {
        String town = n.word();
        String forest = n.word();
        String animal = n.pick(ANIMALS);
        String name = n.word();
        String lead = n.person();
        int size = 2 + n.nextInt(30);
        int months = 2 + n.nextInt(20);
        String article = "Scientists at the University of " + town + " have found a new kind of " + animal + " in the "
                + forest + " forest. The " + animal + ", named the " + name + " " + animal + ", is about " + size
                + " centimetres long. Lead researcher " + lead + " said the team searched for " + months + " months. The"
                + " forest is home to many rare animals. The findings will be published next month.";
        String highlights = "Scientists from " + town + " find a new " + animal + " in the " + forest + " forest. The "
                + name + " " + animal + " is about " + size + " centimetres long, says researcher " + lead + ".";
        return new Article(article, highlights);
    }

    private static Article factory(InventedNames n) {
        String company = n.word() + " Industries";
        String town = n.word();
        String boss = n.person();
        String product = n.pick(PRODUCTS);
        int jobs = 100 + 10 * n.nextInt(90);
        int year = 2026 + n.nextInt(5);
        String article = "The company " + company + " will open a new factory in " + town + ", creating " + jobs
                + " jobs. The factory will make " + product + " and start work in " + year + ". Chief executive " + boss
                + " said the region had skilled workers. Local leaders welcomed the news. The company already has three"
                + " factories in other countries.";
        String highlights = company + " will open a factory in " + town + " creating " + jobs + " jobs. The factory will"
                + " make " + product + " from " + year + ", says chief executive " + boss + ".";
        return new Article(article, highlights);
    }
}
