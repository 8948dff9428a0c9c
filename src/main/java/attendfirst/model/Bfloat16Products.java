package attendfirst.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.util.cuda.CudaUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * bfloat16 matrix products without a bfloat16 array ever crossing DJL's JNI as data.
 *
 * <p>DJL 0.36's PyTorch JNI maps only the dtype ordinals 0-8: creating a bfloat16 array, converting to one with
 * {@code toType}, or reading one as data ends the JVM. But libtorch itself is dtype-agnostic: a TorchScript method
 * may return a bfloat16 tensor (DJL wraps it, its dtype reads as UNKNOWN), {@code matMul} multiplies two of them in
 * bfloat16, and {@code toType(FLOAT32)} converts one back. The helper module {@value #RESOURCE} (written by
 * {@code tools/bfloat16_helper.py}, no parameters, so it serves every device) holds the two operations DJL cannot
 * express: {@code forward(x) = x.to(bfloat16)} (the weights, once at load) and
 * {@code linear(x, w) = (x.to(bfloat16) @ w).to(float32)} (every product, cast + product + cast back in one call:
 * BENCHMARKS.md section 8 measures it against three separate calls).
 *
 * <p>Only {@link Projection} holds the bfloat16 arrays this makes, and never hands one out.
 *
 * <p>Refusals, each naming the reason and the way out (float32 products): the helper module cannot be read or
 * loaded; the CPU has no native bfloat16 products ({@code /proc/cpuinfo} lacks {@code avx512_bf16} and
 * {@code amx_bf16}: libtorch would emulate them, slower than float32); a GPU older than compute capability 8.0.
 */
public final class Bfloat16Products {
    /** The helper module, a resource next to this class. */
    public static final String RESOURCE = "bfloat16-products.pt";
    static final String CPU_FLAGS = "avx512_bf16 or amx_bf16";

    private static Bfloat16Products instance;

    private final Model model;       // owns the module; lives as long as the JVM
    private final PtSymbolBlock block;
    private final boolean roundedInFloat32;

    private Bfloat16Products(Model model, boolean roundedInFloat32) {
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
        this.roundedInFloat32 = roundedInFloat32;
    }

    /**
     * bfloat16 products computed in float32 arithmetic, for fidelity measurements on a CPU without native bfloat16
     * (where libtorch's bfloat16 kernels run at a few percent of float32): the weights are rounded to bfloat16 once
     * and kept in float32, and each product rounds its input to bfloat16, multiplies in float32 and rounds the result
     * to bfloat16 ({@code linear_rounded}). A bfloat16 x bfloat16 product is exact in float32 and bfloat16 kernels
     * accumulate in float32, so this equals a bfloat16 product up to summation order (checked against the real
     * kernels in Bfloat16ProductsTest). Never used by a claims run.
     */
    public static synchronized Bfloat16Products roundedInFloat32(String forWhat) {
        Bfloat16Products kernels = forDevice(Device.cpu(), forWhat, true);
        return new Bfloat16Products(kernels.model, true);
    }

    /** True for {@link #roundedInFloat32}: no bfloat16 array is ever made. */
    boolean isRoundedInFloat32() { return roundedInFloat32; }

    /**
     * The helper for products on {@code device}, loaded once per JVM; refuses (by name, with the way out) a device
     * without native bfloat16 products or a helper that cannot be loaded.
     */
    public static synchronized Bfloat16Products forDevice(Device device, String forWhat) {
        return forDevice(device, forWhat, false);
    }

    /**
     * As {@link #forDevice(Device, String)}; {@code allowEmulated} skips the native-bfloat16 check. Only for
     * measuring fidelity on a CPU without it: libtorch then emulates bfloat16 products (same rounding of the inputs,
     * tens of times slower than float32, BENCHMARKS.md section 8). A claims run never sets it.
     */
    public static synchronized Bfloat16Products forDevice(Device device, String forWhat, boolean allowEmulated) {
        Optional<String> unsupported = allowEmulated ? Optional.empty()
                : device.isGpu() ? gpuProblem(device) : cpuProblem(readCpuInfo());
        if (unsupported.isPresent()) {
            throw new ProductsUnavailableException(forWhat + ": bfloat16 products refused: " + unsupported.get()
                    + ". " + WAY_OUT);
        }
        if (instance == null) {
            instance = load(Bfloat16Products.class.getResourceAsStream(RESOURCE), "resource attendfirst/model/"
                    + RESOURCE, forWhat);
        }
        return instance;
    }

    public static final String WAY_OUT = "Use float32 products: -Dattendfirst.products=float32 (or claims.products=float32"
            + " for Maven), or \"products\": {\"cpu\": \"float32\", \"gpu\": \"float32\"} in the model's fixture";

    /** Loads a helper module from {@code stream} (closed here); {@code source} names it in errors. */
    static Bfloat16Products load(InputStream stream, String source, String forWhat) {
        if (stream == null) {
            throw new ProductsUnavailableException(forWhat + ": bfloat16 products refused: the helper module " + source
                    + " is missing from the classpath (regenerate it with python3 tools/bfloat16_helper.py and"
                    + " rebuild). " + WAY_OUT);
        }
        Model m = Model.newInstance("bfloat16-products", Device.cpu(), "PyTorch");
        try (InputStream in = stream) {
            m.load(in);
            Bfloat16Products helper = new Bfloat16Products(m, false);
            helper.selfTest(source, forWhat);
            return helper;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            m.close();
            if (e instanceof ProductsUnavailableException p) {
                throw p;
            }
            throw new ProductsUnavailableException(forWhat + ": bfloat16 products refused: the helper module " + source
                    + " cannot be loaded by this libtorch (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "). " + WAY_OUT, e);
        }
    }

    /** The module's methods exist and do what the engine relies on: a 2x2 product, read back as float32. */
    private void selfTest(String source, String forWhat) {
        try (var manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(new float[] {1f, 2f, 3f, 4f}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray w = cast(x);
            float[] got = linear(x, w).toFloatArray();
            float[] want = {7f, 10f, 15f, 22f};
            if (!Arrays.equals(got, want)) {
                throw new ProductsUnavailableException(forWhat + ": bfloat16 products refused: the helper module "
                        + source + " computed " + Arrays.toString(got) + " for [[1,2],[3,4]]^2, expected "
                        + Arrays.toString(want) + ". " + WAY_OUT);
            }
        }
    }

    /**
     * x cast to bfloat16 (rounded to bfloat16 and kept in float32 for {@link #roundedInFloat32}), attached to x's
     * manager. A bfloat16 result must stay inside {@link Projection}.
     */
    NDArray cast(NDArray x) {
        return call(roundedInFloat32 ? "rounded" : "forward", x);
    }

    /**
     * (x.to(bfloat16) @ w).to(float32) in one module call: x (..., in) float32, w (in, out) bfloat16 from
     * {@link #cast}; the result (..., out) is float32, attached to x's manager.
     */
    NDArray linear(NDArray x, NDArray w) {
        return call(roundedInFloat32 ? "linear_rounded" : "linear", x, w);
    }

    private NDArray call(String method, NDArray... inputs) {
        IValue[] values = new IValue[inputs.length];
        try {
            for (int i = 0; i < inputs.length; i++) {
                values[i] = IValue.from((PtNDArray) inputs[i]);
            }
            try (IValue out = IValueUtils.runMethod(block, method, values)) {
                return out.toTensor((PtNDManager) inputs[0].getManager());
            }
        } finally {
            for (IValue v : values) {
                if (v != null) {
                    v.close();
                }
            }
        }
    }

    /** Why this machine's CPU cannot multiply bfloat16 natively; empty when it can. */
    public static Optional<String> cpuProblem() {
        return cpuProblem(readCpuInfo());
    }

    /** Why this CPU cannot multiply bfloat16 natively, from /proc/cpuinfo's text; empty when it can. */
    static Optional<String> cpuProblem(Optional<String> cpuinfo) {
        if (cpuinfo.isEmpty()) {
            return Optional.of("cannot read /proc/cpuinfo to check for native bfloat16 (flags " + CPU_FLAGS + ")");
        }
        for (String line : cpuinfo.get().split("\n")) {
            if (line.startsWith("flags")) {
                String flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
                if (flags.contains(" avx512_bf16 ") || flags.contains(" amx_bf16 ")) {
                    return Optional.empty();
                }
                return Optional.of("this CPU has no native bfloat16 products (/proc/cpuinfo flags lack " + CPU_FLAGS
                        + "; libtorch would emulate them, slower than float32)");
            }
        }
        return Optional.of("/proc/cpuinfo has no flags line to check for native bfloat16 (" + CPU_FLAGS + ")");
    }

    /** Why this GPU cannot multiply bfloat16 natively (compute capability below 8.0); empty when it can. */
    static Optional<String> gpuProblem(Device device) {
        return gpuCapabilityProblem(CudaUtils.getComputeCapability(device.getDeviceId()), device.toString());
    }

    /** {@code capability} as CUDA reports it ("86" = 8.6). */
    static Optional<String> gpuCapabilityProblem(String capability, String device) {
        int major;
        try {
            major = Integer.parseInt(capability.trim()) / 10;
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.of(device + " reports compute capability '" + capability + "', cannot check bfloat16");
        }
        return major >= 8 ? Optional.empty() : Optional.of(device + " has compute capability " + capability.charAt(0)
                + "." + capability.substring(1) + ", below 8.0 (Ampere), the first with native bfloat16 products");
    }

    static Optional<String> readCpuInfo() {
        try {
            return Optional.of(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
