package attendfirst.claim;

/** Finds the sweep provider named by {@value #PROPERTY}: a class with a public no-arg constructor. */
public final class SweepProviders {

    public static final String PROPERTY = "attendfirst.sweepProvider";

    private SweepProviders() {
    }

    /** The configured provider wrapped in a cache; throws IllegalStateException naming the fix when unset. */
    public static CachingSweepProvider fromSystemProperty() {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("No sweep provider configured: set -D" + PROPERTY + "=<class name>, a class"
                    + " with a public no-arg constructor implementing " + SweepProvider.class.getName()
                    + " (the engine's provider runs the real sweeps). Claims cannot be judged without sweeps.");
        }
        Object instance;
        try {
            instance = Class.forName(name).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + name + ": cannot instantiate it with a no-arg"
                    + " constructor: " + e, e);
        }
        if (!(instance instanceof SweepProvider provider)) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + name + " does not implement "
                    + SweepProvider.class.getName());
        }
        return new CachingSweepProvider(provider);
    }
}
