package dev.hvscope.app;

import picocli.CommandLine.IVersionProvider;

/** {@code -version}: the jar's Implementation-Version (set by the shade plugin), else "dev". */
final class Version implements IVersionProvider {
    static String number() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"hvscope version " + number() + " (QEMU virt compatible command line)"};
    }
}
