package dev.hvscope.app;

import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.MachineException;
import dev.hvscope.core.machine.SerialMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Linux workload of {@code examples/linux}: Linux 6.1 with KVM built in and an initramfs whose
 * init prints lines starting with {@value #MARK}, reads /proc and powers off. The files live in
 * the cache directory {@code examples/linux/build.sh} builds; this finds it and says how to boot
 * it, the same way on hvscope (in-process or as a command) and on QEMU.
 *
 * @param dir the directory holding {@code Image}, {@code vmlinux} and {@code initramfs.cpio}
 */
public record LinuxWorkload(Path dir) {
    /** Overrides where the workload is (a directory), for kernels built elsewhere. */
    public static final String ENV = "HVSCOPE_LINUX_DIR";
    /** The build script, relative to the examples directory. */
    public static final String SCRIPT = "linux/build.sh";
    /** What every line of the init program starts with. */
    public static final String MARK = "hvscope-linux: ";
    /** The init's last line before it asks the kernel to power off. */
    public static final String LAST_LINE = MARK + "powering off";
    public static final String RAM = "512M";
    public static final long RAM_BYTES = 512L << 20;
    /**
     * The kernel command line. The soft-lockup and RCU-stall detectors measure host time: on a slow
     * engine or a loaded machine they fire (jitterentropy's SHA-3 loop runs for many seconds under
     * today's translator) and change the log, which must not depend on the host.
     */
    public static final String APPEND = "console=ttyS0 nosoftlockup rcupdate.rcu_cpu_stall_suppress=1";

    public Path image() {
        return dir.resolve("Image");
    }

    public Path initramfs() {
        return dir.resolve("initramfs.cpio");
    }

    public Path vmlinux() {
        return dir.resolve("vmlinux");
    }

    /**
     * The built workload: the directory in {@value #ENV} if set, else the one
     * {@code examples/linux/build.sh --dir} names (it hashes the kernel recipe, so a stale build is
     * never picked). Fails with the one command that builds it.
     */
    public static LinuxWorkload locate(Path examples) {
        String env = System.getenv(ENV);
        LinuxWorkload w = env != null && !env.isEmpty() ? new LinuxWorkload(Path.of(env)) : fromScript(examples);
        if (!Files.isRegularFile(w.image()) || !Files.isRegularFile(w.initramfs())) {
            throw new MachineException("the Linux workload is not built in " + w.dir + ": run "
                    + examples.resolve(SCRIPT) + " (about 15 minutes on 2 cores)");
        }
        return w;
    }

    private static LinuxWorkload fromScript(Path examples) {
        Path script = examples.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new MachineException(script + ": no such file (set " + ENV + " to the directory of Image and initramfs.cpio)");
        }
        try {
            Process p = new ProcessBuilder("bash", script.toString(), "--dir")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || out.isEmpty()) {
                throw new MachineException(script + " --dir did not name a directory");
            }
            return new LinuxWorkload(Path.of(out.substring(out.lastIndexOf('\n') + 1)));
        } catch (IOException e) {
            throw new MachineException("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MachineException("interrupted while running " + script);
        }
    }

    /** The OpenSBI both emulators boot, so they run the same firmware. */
    public static Path firmware() {
        return Bios.DEFAULT.resolve();
    }

    /** The in-process machine: {@code -smp N -m 512M}, OpenSBI, the console captured. */
    public MachineConfig config(int smp) {
        return MachineConfig.builder().smp(smp).ramSize(RAM_BYTES).bios(Bios.file(firmware()))
                .kernel(image()).initrd(initramfs()).append(APPEND).serial(SerialMode.STDIO).build();
    }

    /** The QEMU-style options that boot it, after the program name (hvscope's or QEMU's). */
    public List<String> qemuOptions(int smp) {
        return new ArrayList<>(List.of("-M", "virt", "-smp", Integer.toString(smp), "-m", RAM, "-nographic",
                "-bios", firmware().toString(), "-kernel", image().toString(), "-initrd", initramfs().toString(),
                "-append", APPEND));
    }

    /** Whether a console log shows a complete boot: the init ran to its last line. */
    public static boolean bootedToPowerOff(String console) {
        return console.contains(LAST_LINE);
    }
}
