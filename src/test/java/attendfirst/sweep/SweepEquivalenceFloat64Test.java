package attendfirst.sweep;

import ai.djl.ndarray.types.DataType;
import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import attendfirst.model.LoadedModel;
import attendfirst.model.ModelLoader;
import attendfirst.testing.RealModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The same comparison as {@link SweepEquivalenceTest} with the model computed in float64: the fast
 * engine and the full recomputation must then agree to the precision of the float32 logits they
 * return, which separates "same algorithm" from "same rounding".
 */
@RealModel
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepEquivalenceFloat64Test extends SweepEquivalenceTest {
    /** A few float32 ulps of a logit of size ~30. */
    static final double FLOAT64_BOUND = 1e-5;

    private LoadedModel model64;

    @Override
    @BeforeAll
    void prepare(LoadedModel defaultModel) {
        ModelFixture fixture = ModelFixtures.load().get(defaultModel.name());
        model64 = new ModelLoader().load(fixture, defaultModel.device(), DataType.FLOAT64);
        prepareWith(model64);
    }

    @Override
    double bound(float[] reference) { return FLOAT64_BOUND; }

    @Override
    @AfterAll
    void close() {
        super.close();
        if (model64 != null) {
            model64.close();
        }
    }
}
