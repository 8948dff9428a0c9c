package attendfirst.run;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import attendfirst.fixture.ComputeDtype;
import attendfirst.fixture.ModelFixtures;
import attendfirst.plan.Planner;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code scripts/claim-report.sh --plan [MODEL ...]}: what a claims run will do, without loading weights
 * ({@link Planner}). Its tasks, sweep plan, products and models come from the run's own {@link RunConfig}, read from
 * the same properties and refused the same way; this command adds only the machine it plans for:
 * {@code plan.device} (cpu|gpu, default: this machine's), {@code plan.memory} (device memory, e.g. 24GiB or 80GB;
 * default: the GPU's, or this machine's physical memory) and {@code plan.dtype} (default: the fixture's dtype for
 * that device). Models named as arguments replace {@code attendfirst.models}. Exit status 3 when a model does not fit.
 */
public final class PlanMain {
    private PlanMain() {
    }

    /** What one {@code --plan} call plans: the models and the planner's settings. */
    record Command(List<String> models, Planner.Settings settings) {
    }

    public static void main(String[] args) {
        Command c = command(args, System.getProperties());
        int refused = Planner.plan(ModelFixtures.load(), c.models(), c.settings(), System.out);
        System.exit(refused == 0 ? 0 : 3);
    }

    /**
     * The models (the arguments, else the run's {@code attendfirst.models}, else the default run) and the settings,
     * from the run's {@link RunConfig} read from {@code p}: a property the run refuses is refused here alike.
     */
    static Command command(String[] args, Properties p) {
        List<String> names = new ArrayList<>();
        for (String a : args) {
            if (a == null) {
                continue; // an empty <argument> from Maven
            }
            for (String n : a.split("[,\\s]+")) {
                if (!n.isBlank()) {
                    names.add(n.trim());
                }
            }
        }
        RunConfig config = RunConfig.from(p);
        return new Command(names.isEmpty() ? config.models() : names, settings(p, config));
    }

    /** The planner's settings: the run's tasks, sweep plan and products, and the machine planned for. */
    static Planner.Settings settings(Properties p, RunConfig config) {
        boolean hereGpu = CudaUtils.hasCuda() && CudaUtils.getGpuCount() > 0;
        String device = p.getProperty("plan.device", hereGpu ? "gpu" : "cpu").trim().toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new IllegalArgumentException("plan.device is '" + device + "', expected cpu or gpu");
        }
        boolean gpu = device.equals("gpu");
        String mem = p.getProperty("plan.memory", "");
        long bytes;
        if (!mem.isBlank()) {
            try {
                bytes = RunConfig.parseBytes(mem);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("plan.memory is '" + mem + "', expected e.g. 24GiB, 80GB or bytes");
            }
        } else if (gpu && hereGpu) {
            bytes = CudaUtils.getGpuMemory(Device.gpu()).getMax();
        } else if (gpu) {
            throw new IllegalArgumentException("plan.device=gpu on a machine without a GPU: give its memory, "
                    + "e.g. -Dplan.memory=24GiB");
        } else {
            bytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
        }
        String dt = p.getProperty("plan.dtype", "");
        Optional<ComputeDtype> dtype = dt.isBlank() ? Optional.empty()
                : Optional.of(ComputeDtype.parse(dt, "system property plan.dtype"));
        return new Planner.Settings(gpu, bytes, dtype, config.tasks(), config.plan(), Optional.empty(),
                config.products());
    }
}
