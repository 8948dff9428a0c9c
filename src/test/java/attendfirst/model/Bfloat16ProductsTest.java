package attendfirst.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import attendfirst.fixture.ProductDtype;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;

/**
 * bfloat16 products (issue 20): the helper module written by torch 2.15 loads in DJL's libtorch 2.7.1, one product
 * stays within the bound bfloat16's rounding allows, a tiny random-weight model stays close to its float32 self, no
 * bfloat16 array leaves the engine, and bfloat16 is refused by name where it cannot run natively.
 *
 * <p>Tolerance: bfloat16 keeps 8 significant bits (7 stored + the implicit one), so rounding a float32 to it has
 * relative error at most u = 2^-8. A product rounds both factors, (x(1+d1)) (w(1+d2)) = x w (1 + d1 + d2 + d1 d2),
 * and a bfloat16 x bfloat16 product is exact in float32, so each term of x W^T is off by at most (2u + u^2) |x_i w_i|;
 * the float32 sum of K terms adds at most K 2^-24 sum |x_i w_i| per sum (a loose bound on summation rounding, counted
 * twice: the bfloat16 kernel's and the float32 reference's), and the kernel rounds its result to bfloat16 (u more,
 * on a sum itself within 1 + 2u + ... of the exact one): per output element
 * |bf16 - f32| <= (3u + 4u^2 + 2 K 2^-24) (|x| |W|^T). Tests on this CPU without native bfloat16 use libtorch's
 * emulated bfloat16 kernels ({@link Bfloat16Products#forDevice(Device, String, boolean)}): the rounding is the same.
 */
@Epic("Infrastructure")
@Feature("bfloat16 products")
class Bfloat16ProductsTest {
    static final double U = Math.scalb(1.0, -8);
    static final Path TINY = Path.of("src/test/resources/tiny");

    private static Bfloat16Products helper() {
        return Bfloat16Products.forDevice(Device.cpu(), "Bfloat16ProductsTest", true);
    }

    @Test
    void theHelperModuleWrittenByTorch215LoadsInLibtorch271AsFileFormatVersion3(@TempDir Path dir) throws IOException {
        // GIVEN the committed helper module (tools/bfloat16_helper.py, torch 2.15), a zip archive (stored entries with
        // data descriptors: read through its central directory)
        Path copy = dir.resolve(Bfloat16Products.RESOURCE);
        try (InputStream in = Bfloat16Products.class.getResourceAsStream(Bfloat16Products.RESOURCE)) {
            Files.copy(in, copy);
        }
        String version = null;
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().endsWith("/version")) {
                    version = new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.US_ASCII).trim();
                }
            }
        }
        // THEN its serialization is the pinned one, and DJL's libtorch loads it and runs both methods (the load
        // includes a self-test: [[1,2],[3,4]]^2 through linear and forward)
        assertThat(version).as("TorchScript file format version pinned by tools/bfloat16_helper.py").isEqualTo("3");
        Bfloat16Products helper = Bfloat16Products.load(Bfloat16Products.class.getResourceAsStream(
                Bfloat16Products.RESOURCE), Bfloat16Products.RESOURCE, "test");
        assertThat(helper).isNotNull();
    }

    @Test
    void aHelperThatCannotLoadIsRefusedNamingItAndTheWayOut() {
        InputStream garbage = new ByteArrayInputStream("not a TorchScript archive".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Bfloat16Products.load(garbage, "broken.pt", "model m"))
                .isInstanceOf(ProductsUnavailableException.class)
                .hasMessageContainingAll("model m", "broken.pt", "cannot be loaded", "float32",
                        "-Dattendfirst.products=float32");
        assertThatThrownBy(() -> Bfloat16Products.load(null, "gone.pt", "model m"))
                .isInstanceOf(ProductsUnavailableException.class)
                .hasMessageContainingAll("gone.pt", "missing", "tools/bfloat16_helper.py", "float32");
    }

    @Test
    void aCpuWithoutAvx512Bf16OrAmxBf16IsRefusedAndOneWithEitherAccepted() {
        String zen3 = "processor\t: 0\nflags\t\t: fpu sse sse2 avx avx2 fma vaes\n";
        assertThat(Bfloat16Products.cpuProblem(Optional.of(zen3))).get().asString()
                .contains("no native bfloat16", "avx512_bf16", "amx_bf16");
        assertThat(Bfloat16Products.cpuProblem(Optional.of("flags\t: avx2 avx512f avx512_bf16 sha_ni\n"))).isEmpty();
        assertThat(Bfloat16Products.cpuProblem(Optional.of("flags\t: avx2 amx_tile amx_bf16\n"))).isEmpty();
        assertThat(Bfloat16Products.cpuProblem(Optional.empty())).get().asString().contains("/proc/cpuinfo");
        // a GPU: native bfloat16 from compute capability 8.0 (Ampere)
        assertThat(Bfloat16Products.gpuCapabilityProblem("75", "gpu(0)")).get().asString()
                .contains("gpu(0)", "7.5", "8.0");
        assertThat(Bfloat16Products.gpuCapabilityProblem("80", "gpu(0)")).isEmpty();
        assertThat(Bfloat16Products.gpuCapabilityProblem("90", "gpu(0)")).isEmpty();
    }

    @Test
    void thisMachineIsRefusedOrServedAsItsCpuinfoSays() throws IOException {
        // GIVEN what /proc/cpuinfo says of this CPU
        boolean nativeBf16 = Files.readString(Path.of("/proc/cpuinfo")).lines()
                .filter(l -> l.startsWith("flags")).findFirst().map(l -> (l + " ").contains(" avx512_bf16 ")
                        || (l + " ").contains(" amx_bf16 ")).orElse(false);
        // WHEN bfloat16 products are asked for on the CPU without the emulation escape hatch
        if (nativeBf16) {
            assertThat(Bfloat16Products.forDevice(Device.cpu(), "model m on cpu()")).isNotNull();
        } else {
            // THEN a CPU without native bfloat16 is refused with the reason and the way out
            assertThatThrownBy(() -> Bfloat16Products.forDevice(Device.cpu(), "model m on cpu()"))
                    .isInstanceOf(ProductsUnavailableException.class)
                    .hasMessageContainingAll("model m on cpu()", "no native bfloat16", "avx512_bf16",
                            "-Dattendfirst.products=float32");
        }
    }

    @Test
    void oneProductIsWithinBfloat16sRoundingBoundAndFusedEqualsSeparateCalls() {
        Bfloat16Products helper = helper();
        try (NDManager m = NDManager.newBaseManager()) {
            // GIVEN x (2, 7, 64) and a weight W^T (64, 96) stored transposed, as the loader stores them
            int k = 64;
            NDArray x = m.randomNormal(new Shape(2, 7, k));
            NDArray w = m.randomNormal(new Shape(96, k));
            NDArray wT = w.transpose();
            NDArray reference = x.matMul(wT);
            NDArray scale = x.abs().matMul(wT.abs());
            Projection bf16 = Projection.bfloat16(wT, helper, true);
            // WHEN multiplied with bfloat16 products
            NDArray got = bf16.apply(x);
            // THEN float32 comes back, within (3u + 4u^2 + 2 K 2^-24) |x| |W|^T of float32 everywhere, and not equal to it
            assertThat(got.getDataType()).isEqualTo(DataType.FLOAT32);
            double factor = 3 * U + 4 * U * U + 2 * k * Math.scalb(1.0, -24);
            float[] g = got.toFloatArray();
            float[] r = reference.toFloatArray();
            float[] s = scale.toFloatArray();
            double worst = 0;
            double maxDiff = 0;
            for (int i = 0; i < g.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(g[i] - r[i]));
                worst = Math.max(worst, Math.abs(g[i] - r[i]) / (factor * s[i]));
            }
            assertThat(worst).as("largest |bf16 - f32| as a share of its bound (3u + 4u^2 + 2K 2^-24) |x||W|, u = 2^-8")
                    .isLessThanOrEqualTo(1.0);
            assertThat(maxDiff).as("bfloat16 really ran: some product differs from float32").isGreaterThan(0);
            // AND one module call gives exactly what three calls give (cast, DJL's matMul in bfloat16, toType)
            NDArray w16 = helper.cast(wT);
            NDArray x16 = helper.cast(x);
            float[] separate = x16.matMul(w16).toType(DataType.FLOAT32, false).toFloatArray();
            assertThat(helper.linear(x, w16).toFloatArray()).containsExactly(separate);
            // AND float32 products are the plain product, bit for bit
            assertThat(Projection.plain(wT).apply(x).toFloatArray()).containsExactly(r);
            // AND the float32-arithmetic stand-in used for fidelity runs (rounded inputs, weights and outputs) gives
            // the kernels' result up to summation order: at most one bfloat16 step (2u relative) apart, plus the two
            // sums' float32 rounding
            Projection rounded = Projection.bfloat16(wT, Bfloat16Products.roundedInFloat32("test"), true);
            float[] e = rounded.apply(x).toFloatArray();
            double worstStep = 0;
            for (int i = 0; i < g.length; i++) {
                double allowed = 2 * U * Math.abs(g[i]) + 2 * k * Math.scalb(1.0, -24) * s[i];
                worstStep = Math.max(worstStep, Math.abs(e[i] - g[i]) / allowed);
            }
            assertThat(worstStep).as("|rounded in float32 - bfloat16 kernel| / (2u |kernel| + 2K 2^-24 |x||W|)")
                    .isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void aTinyRandomModelWithBfloat16ProductsStaysCloseToItsFloat32Self() throws IOException {
        for (String name : List.of("tiny-llama", "tiny-gemma3")) {
            JsonReference ref = JsonReference.of(name);
            try (DecoderModel f32 = TestModels.fromHfDirectory(TINY.resolve(name));
                 DecoderModel bf16 = TestModels.fromHfDirectory(TINY.resolve(name), helper())) {
                assertThat(f32.products()).isEqualTo(ProductDtype.FLOAT32);
                assertThat(bf16.products()).isEqualTo(ProductDtype.BFLOAT16);
                int layers = f32.config().nLayers();
                float[] a;
                float[] b;
                try (Forward.Trace t32 = new Forward(f32).forward(ref.tokens, true, ref.tokens.length);
                     Forward.Trace t16 = new Forward(bf16).forward(ref.tokens, true, ref.tokens.length)) {
                    a = f32.logits(t32.layerInputs()[layers]).toFloatArray();
                    b = bf16.logits(t16.layerInputs()[layers]).toFloatArray();
                }
                double maxAbs = 0;
                double maxDiff = 0;
                for (int i = 0; i < a.length; i++) {
                    maxAbs = Math.max(maxAbs, Math.abs(a[i]));
                    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
                }
                // first order, each of the 4L + 1 products on the path (q k v, o, gate/up, down per layer; the head)
                // adds at most 3u relative error; the bound takes that sum against the largest logit (a heuristic:
                // it assumes the layers do not amplify an error, true of these tiny random models)
                double bound = (4 * layers + 1) * 3 * U * maxAbs;
                System.out.printf("%s: max |logit f32 - bf16 products| = %.3g (largest |logit| %.3g, bound %.3g)%n",
                        name, maxDiff, maxAbs, bound);
                assertThat(maxDiff).as("%s: max |logit diff| over all positions, bound (4L+1) 3u max|logit|", name)
                        .isLessThanOrEqualTo(bound).isGreaterThan(0);
            }
        }
    }

    @Test
    void noBfloat16ArrayLeavesTheEngine() throws IOException {
        Bfloat16Products helper = helper();
        JsonReference ref = JsonReference.of("tiny-llama");
        try (DecoderModel model = TestModels.fromHfDirectory(TINY.resolve("tiny-llama"), helper)) {
            // GIVEN a model with bfloat16 products: every array its weights expose is readable
            List<String> leaks = new ArrayList<>();
            walk("weights", model.weights(), leaks);
            assertThat(leaks).as("arrays reachable from ModelWeights that DJL cannot read").isEmpty();
            // AND a projection's only public ways to an array give float32
            List<String> arrayMethods = new ArrayList<>();
            for (Method method : Projection.class.getMethods()) {
                if (NDArray.class.isAssignableFrom(method.getReturnType()) && Modifier.isPublic(method.getModifiers())) {
                    arrayMethods.add(method.getName());
                }
            }
            assertThat(arrayMethods).as("public methods of Projection returning an array")
                    .containsExactlyInAnyOrder("apply", "toFloat32");
            Projection head = model.weights().outputT();
            try (NDArray w = head.toFloat32()) {
                assertThat(w.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(w.getShape()).isEqualTo(head.shape());
            }
            // WHEN a forward pass and two greedy steps run
            try (Forward.Trace trace = new Forward(model).forward(ref.tokens, true, ref.tokens.length + 2)) {
                // THEN everything it hands out is float32
                List<String> out = new ArrayList<>();
                check("lastLogits", trace.lastLogits(), out);
                for (int l = 0; l < trace.layerInputs().length; l++) {
                    check("layerInputs[" + l + "]", trace.layerInputs()[l], out);
                }
                check("cache keys", trace.cache().keys(0, ref.tokens.length), out);
                check("cache values", trace.cache().values(0, ref.tokens.length), out);
                assertThat(out).as("arrays out of the engine that DJL cannot read").isEmpty();
            }
            assertThat(new Forward(model).greedy(ref.tokens, 2, t -> false)).hasSize(2);
            // negative control: the check does catch a bfloat16 array
            try (NDManager m = NDManager.newBaseManager()) {
                List<String> caught = new ArrayList<>();
                check("control", helper.cast(m.ones(new Shape(2, 2))), caught);
                assertThat(caught).singleElement().asString().contains("control");
            }
        }
    }

    /** Adds {@code where} when {@code a}'s dtype is not one DJL can read (bfloat16 reads as UNKNOWN). */
    private static void check(String where, NDArray a, List<String> leaks) {
        DataType t = a.getDataType();
        if (t != DataType.FLOAT32 && t != DataType.FLOAT16 && t != DataType.FLOAT64) {
            leaks.add(where + " has dtype " + t);
        }
    }

    /** Every NDArray reachable through records and lists from {@code value}. */
    private static void walk(String where, Object value, List<String> leaks) {
        if (value instanceof NDArray a) {
            check(where, a, leaks);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(where + "[" + i + "]", list.get(i), leaks);
            }
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    walk(where + "." + c.getName(), c.getAccessor().invoke(value), leaks);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The first sequence of a tiny model's transformers reference. */
    private record JsonReference(int[] tokens) {
        static JsonReference of(String model) throws IOException {
            var seq = TinyModelParityTest.reference(model).getAsJsonArray("sequences").get(0).getAsJsonObject();
            return new JsonReference(TinyModelParityTest.ints(seq.getAsJsonArray("token_ids")));
        }
    }
}
