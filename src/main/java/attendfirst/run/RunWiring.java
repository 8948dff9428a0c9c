package attendfirst.run;

import attendfirst.claim.CachingSweepProvider;
import attendfirst.claim.SequentialRun;
import attendfirst.claim.SweepProvider;
import attendfirst.fixture.ModelFixtures;
import attendfirst.sweep.EngineSweepProvider;
import attendfirst.sweep.RunEnvironment;
import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where a claims run is put together: the claim package's {@link SweepProvider} interface meets
 * the engine's {@link EngineSweepProvider} here, so neither package depends on the other's implementation
 * (claim -> sweep results only; sweep knows nothing of claims), and no provider is looked up by reflection.
 */
public final class RunWiring {

    private RunWiring() {
    }

    /** The engine's sweeps for this run, cached so that every sweep is computed once whatever the claims asking. */
    public static CachingSweepProvider engineProvider(RunConfig config, PrintStream log) {
        ModelFixtures fixtures = ModelFixtures.loadValid(config.root().resolve("fixtures").resolve("models"));
        return new CachingSweepProvider(sweeps(new EngineSweepProvider(fixtures, config.tasks(), config.plan(),
                config.products(), log)));
    }

    /** The engine seen through the claim package's interface; closing it closes the engine's models. */
    public static EngineSweeps sweeps(EngineSweepProvider engine) {
        return new EngineSweeps(engine);
    }

    /** Adapter: {@link EngineSweepProvider} as a {@link SweepProvider}. */
    public static final class EngineSweeps implements SweepProvider, SequentialRun.Rounds, AutoCloseable {
        private final EngineSweepProvider engine;
        /** (model|task) -> the longest prefix a sequential run has swept: what reports show of that task. */
        private final Map<String, Integer> swept = new ConcurrentHashMap<>();

        EngineSweeps(EngineSweepProvider engine) {
            this.engine = engine;
        }

        public EngineSweepProvider engine() {
            return engine;
        }

        /** The examples swept so far when a sequential run stopped early, else every example. */
        @Override
        public SweepResult sweep(String model, String task, String manipulation) {
            Integer n = swept.get(model + "|" + task);
            return n == null ? engine.sweep(model, task, manipulation) : engine.sweepFirst(model, task, n, manipulation);
        }

        @Override
        public int maxExamples(String model, String task) {
            return engine.examples(model, task).size();
        }

        @Override
        public SweepProvider firstExamples(String model, String task, int n) {
            swept.merge(model + "|" + task, n, Math::max);
            return new SweepProvider() {
                @Override
                public SweepResult sweep(String m, String t, String manipulation) {
                    if (!m.equals(model) || !t.equals(task)) {
                        throw new IllegalArgumentException("round of " + model + " | " + task + " asked for " + m
                                + " | " + t);
                    }
                    return engine.sweepFirst(model, task, n, manipulation);
                }

                @Override
                public SwitchResult switchSweep(String m) {
                    return engine.switchSweep(m);
                }
            };
        }

        @Override
        public attendfirst.claim.Testability.Pool pool(String model, String task, String manipulation) {
            EngineSweepProvider.PoolCount p = engine.pool(model, task);
            return new attendfirst.claim.Testability.Pool(p.solved(), p.evaluated(), p.chance(), p.rule(),
                    p.knownOnly(), p.numLayers());
        }

        @Override
        public String examplesNote(String model, String task) {
            return engine.examplesNote(model, task).orElse("");
        }

        @Override
        public SwitchResult switchSweep(String model) {
            return engine.switchSweep(model);
        }

        @Override
        public Optional<RunEnvironment> runEnvironment() {
            return engine.runEnvironment();
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
