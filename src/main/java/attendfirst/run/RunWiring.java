package attendfirst.run;

import attendfirst.claim.CachingSweepProvider;
import attendfirst.claim.SweepProvider;
import attendfirst.fixture.ModelFixtures;
import attendfirst.sweep.EngineSweepProvider;
import attendfirst.sweep.RunEnvironment;
import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.io.PrintStream;
import java.util.Optional;

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
        ModelFixtures fixtures = ModelFixtures.load(config.root().resolve("fixtures").resolve("models"));
        return new CachingSweepProvider(sweeps(new EngineSweepProvider(fixtures, config.tasks(), config.plan(), log)));
    }

    /** The engine seen through the claim package's interface; closing it closes the engine's models. */
    public static EngineSweeps sweeps(EngineSweepProvider engine) {
        return new EngineSweeps(engine);
    }

    /** Adapter: {@link EngineSweepProvider} as a {@link SweepProvider}. */
    public static final class EngineSweeps implements SweepProvider, AutoCloseable {
        private final EngineSweepProvider engine;

        EngineSweeps(EngineSweepProvider engine) {
            this.engine = engine;
        }

        public EngineSweepProvider engine() {
            return engine;
        }

        @Override
        public SweepResult sweep(String model, String task, String manipulation) {
            return engine.sweep(model, task, manipulation);
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
