package attendfirst.sweep;

import attendfirst.testing.RealModel;
import org.junit.jupiter.api.TestInstance;

/** {@link ManipulationInvariantsTest} on Gemma 3 270M (18 layers, BOS added by its tokenizer). */
@RealModel("gemma3-270m")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManipulationInvariantsGemmaTest extends ManipulationInvariantsTest {
}
