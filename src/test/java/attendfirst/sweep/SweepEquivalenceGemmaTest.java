package attendfirst.sweep;

import attendfirst.testing.RealModel;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link SweepEquivalenceTest} on Gemma 3 270M (18 layers, sliding-window and global layers, q/k norms,
 * sandwich norms): the fast engine has no architecture-specific code, and this shows it.
 */
@RealModel("gemma3-270m")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepEquivalenceGemmaTest extends SweepEquivalenceTest {
}
