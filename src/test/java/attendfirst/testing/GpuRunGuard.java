package attendfirst.testing;

import attendfirst.model.EngineStart;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Every test JVM of a {@code -Dgpu} build ({@code attendfirst.device=gpu}) starts DJL's engine before its first test
 * and stops there with "no GPU: ..." when it would run on the CPU, whichever test would have started the engine
 * first (also those that ask for {@code Device.cpu()} themselves). Registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}; without the setting it does nothing.
 */
public final class GpuRunGuard implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (EngineStart.gpuRequested(System.getProperties())) {
            EngineStart.engine();
        }
    }
}
