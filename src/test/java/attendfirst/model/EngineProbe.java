package attendfirst.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A child JVM's main for {@code GpuProfileGuardTest}: starts DJL's engine under the system properties and
 * environment it was given and prints one line saying what happened.
 * <ul>
 *   <li>{@code djl}: DJL's own start ({@code Engine.getEngine("PyTorch")}), nothing of ours in between;
 *       prints {@code ENGINE STARTED ...} (exit 0) or {@code ENGINE FAILED ...} (exit 1);</li>
 *   <li>{@code describe}: DJL's start, then {@code LOADED <flavour, libtorch path, version, CUDA runtime, device>};</li>
 *   <li>{@code run}: the project's start ({@link EngineStart#engine()}); prints {@code DEVICE ...} (exit 0) or
 *       {@code REFUSED <exception>: <message>} (exit 2).</li>
 * </ul>
 */
public final class EngineProbe {
    private EngineProbe() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "djl";
        if (mode.equals("djl")) {
            try {
                Engine e = Engine.getEngine("PyTorch");
                System.out.println("ENGINE STARTED libtorch " + e.getVersion() + " device=" + e.defaultDevice()
                        + " intraOpThreads=" + JniUtils.getNumThreads() + " interOpThreads="
                        + JniUtils.getNumInteropThreads());
                System.exit(0);
            } catch (Throwable t) {
                StringBuilder chain = new StringBuilder();
                for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                    chain.append(" <- ").append(c.getClass().getName()).append(": ").append(c.getMessage());
                }
                System.out.println("ENGINE FAILED" + chain);
                System.exit(1);
            }
        }
        if (mode.equals("describe")) {
            // what DJL loaded, without any refusal (scripts/gpu-smoke.sh records it)
            try {
                System.out.println("LOADED " + EngineStart.loaded(Engine.getEngine("PyTorch")).describe());
                System.exit(0);
            } catch (RuntimeException e) {
                System.out.println("ENGINE FAILED <- " + e);
                System.exit(1);
            }
        }
        try {
            System.out.println("DEVICE " + EngineStart.device());
            System.exit(0);
        } catch (EngineStart.EngineStartException e) {
            System.out.println("REFUSED " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
