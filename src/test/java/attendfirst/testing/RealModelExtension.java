package attendfirst.testing;

import attendfirst.fixture.FixtureException;
import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.Project;
import attendfirst.model.LoadedModel;
import attendfirst.model.ModelLoader;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loads a real model once per test run into the root {@link ExtensionContext.Store} (closed there at
 * the end of the run) and hands it to test methods and constructors. When the weights are not on the
 * machine the test is skipped with an assumption that says how to fetch them: never a silent pass.
 */
public final class RealModelExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealModelExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == LoadedModel.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        String name = c.getRequiredTestClass().getAnnotation(RealModel.class) != null
                ? c.getRequiredTestClass().getAnnotation(RealModel.class).value() : "";
        return shared(c, name);
    }

    /**
     * The model of fixture {@code name} ("" = the embedded default), loaded at most once per run and
     * shared by every test that asks; skips the test (assumption) when its weights are not fetched.
     */
    public static LoadedModel shared(ExtensionContext c, String name) {
        ModelFixtures fixtures = ModelFixtures.load();
        ModelFixture fixture = name.isEmpty() ? fixtures.embedded() : fixtures.get(name);
        assumeAvailable(fixture);
        Holder holder = c.getRoot().getStore(NS).getOrComputeIfAbsent(fixture.name(),
                key -> new Holder(new ModelLoader().load(fixture, ModelLoader.defaultDevice(),
                        ai.djl.ndarray.types.DataType.FLOAT32)), Holder.class); // float32 goldens: float32 on any device
        if (holder == null) {
            throw new ParameterResolutionException("model " + fixture.name() + " could not be loaded");
        }
        return holder.model;
    }

    /** Skips (with instructions) when a GGUF fixture's file is absent; other sources must load or fail. */
    static void assumeAvailable(ModelFixture fixture) {
        if (fixture.source().type().equals("gguf")) {
            Path file = Project.modelCache().resolve(fixture.source().file());
            assumeTrue(Files.isRegularFile(file), () -> "weights of " + fixture.name() + " are not at " + file
                    + "; fetch them with: python3 scripts/fetch_models.py " + fixture.name());
        } else if (fixture.source().type().equals("hub")) {
            throw new FixtureException("test fixtures must not download from a hub: " + fixture.name());
        }
    }

    /** Closes the model when the root context closes. */
    static final class Holder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final LoadedModel model;

        Holder(LoadedModel model) {
            this.model = model;
        }

        @Override
        public void close() { model.close(); }
    }
}
