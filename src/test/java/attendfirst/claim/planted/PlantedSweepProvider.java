package attendfirst.claim.planted;

import attendfirst.claim.SweepProvider;
import attendfirst.sweep.RunEnvironment;
import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SYNTHETIC provider for checking the harness and the Allure report end to end (hand it to a
 * {@code ClaimRun} in place of the engine's: {@code new ClaimRun(config, () -> new CachingSweepProvider(new
 * PlantedSweepProvider()), out)}; there is no property that selects a provider). Its verdicts say
 * nothing about any model. Planted outcomes: most claims hold; task "squad" has a baseline at chance (every
 * claim INCONCLUSIVE); shuffle on "arithmetic" never recovers (C1s REFUTED).
 */
public final class PlantedSweepProvider implements SweepProvider {

    @Override
    public SweepResult sweep(String model, String task, String manipulation) {
        int numLayers = numLayers(model);
        long seed = (model + task + manipulation).hashCode();
        boolean untestable = task.equals("squad");
        double baseline = untestable ? 0.03 : 0.8;
        double chance = task.equals("arithmetic") ? 0.1 : 0.0;
        double t = 0.45 * numLayers;
        var keep = switch (manipulation) {
            case "random" -> PlantedSweeps.step(t, 0.7);
            case "shuffle" -> task.equals("arithmetic") ? PlantedSweeps.constant(0.2) : PlantedSweeps.step(t, 0.7);
            case "freeze" -> PlantedSweeps.step(t - 3, 0.7);
            case "skip-attention" -> PlantedSweeps.step(0.4 * numLayers, 1.0);
            default -> throw new IllegalArgumentException("planted provider has no manipulation '" + manipulation + "'");
        };
        int seeds = manipulation.equals("random") || manipulation.equals("shuffle") ? 3 : 1;
        return PlantedSweeps.sweep(model, numLayers, task, manipulation, 80, seeds, baseline, chance, keep, seed);
    }

    @Override
    public SwitchResult switchSweep(String model) {
        int numLayers = numLayers(model);
        return PlantedSweeps.switchSweep(model, numLayers, 40, 0.55 * numLayers, model.hashCode());
    }

    @Override
    public Optional<RunEnvironment> runEnvironment() {
        return Optional.of(new RunEnvironment(List.of(new RunEnvironment.ModelFile("planted", "none", "none")),
                "n/a", "n/a", "n/a", "none (synthetic)", System.getProperty("java.version"),
                Map.of("synthetic", "true: planted curves, no model was run")));
    }

    private static int numLayers(String model) {
        return model.startsWith("gemma") ? 18 : 30;
    }
}
