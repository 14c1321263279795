package dev.hvscope.eclipse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The bundle in a real Equinox with the Eclipse platform bundles it needs (from Maven Central): it
 * resolves, its content type matches vm.toml and *.vm.toml, and its launch configuration type exists.
 * Platform classes live in the framework's class loaders, so they are reached reflectively.
 */
class EquinoxBundleTest {
    @TempDir
    Path dir;
    Framework framework;
    Bundle ours;
    final Map<String, Bundle> bundles = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", dir.resolve("storage").toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        config.put("osgi.instance.area", dir.resolve("workspace").toUri().toString());
        config.put("osgi.configuration.area", dir.resolve("configuration").toUri().toString());
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        for (Path jar : platformJars()) {
            Bundle b = ctx.installBundle(jar.toUri().toString());
            bundles.put(b.getSymbolicName(), b);
        }
        ours = ctx.installBundle(bundleJar().toUri().toString());
        for (Bundle b : ctx.getBundles()) {
            if (b.getBundleId() != 0 && b.getHeaders().get("Fragment-Host") == null) {
                try {
                    b.start(Bundle.START_ACTIVATION_POLICY);
                } catch (Exception e) {
                    // optional pieces may not start; what matters is asserted below
                    System.err.println("not started: " + b.getSymbolicName() + ": " + e.getMessage());
                }
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    /** The platform bundles on the test class path (surefire puts the dependencies there). */
    private static List<Path> platformJars() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> jars = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean platform = e.contains("/org/eclipse/platform/") || e.contains("/org/osgi/")
                    || e.contains("/net/java/dev/jna/") || e.contains("/org/apache/felix/");
            if (platform && !e.contains("/org.eclipse.osgi/") && e.endsWith(".jar")) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    /** The bundle as `mvn package` will make it: compiled classes (without the LSP4E stub) + manifest. */
    private Path bundleJar() throws IOException {
        Path classes = Path.of(System.getProperty("bundle.classes"));
        Path jar = dir.resolve("dev.hvscope.eclipse.jar");
        Manifest mf;
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("bundle.manifest")))) {
            mf = new Manifest(in);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
                if (!name.startsWith("org/")) {
                    j.putNextEntry(new ZipEntry(name));
                    Files.copy(f, j);
                    j.closeEntry();
                }
            }
        }
        try (JarFile check = new JarFile(jar.toFile())) {
            assertNotNull(check.getEntry("plugin.xml"));
        }
        return jar;
    }

    private static Object call(Object target, Class<?> type, String method, Object... args) throws Exception {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i] instanceof String ? String.class : args[i].getClass();
        }
        Method m = type.getMethod(method, types);
        return m.invoke(target, args);
    }

    @Test
    void bundleResolvesAgainstThePlatformBundles() {
        assertTrue((ours.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) != 0,
                "state " + ours.getState());
        assertEquals("dev.hvscope.eclipse", ours.getSymbolicName());
    }

    @Test
    void contentTypeMatchesVmConfigs() throws Exception {
        Bundle contenttype = bundles.get("org.eclipse.core.contenttype");
        Class<?> platform = bundles.get("org.eclipse.core.runtime").loadClass("org.eclipse.core.runtime.Platform");
        Class<?> manager = contenttype.loadClass("org.eclipse.core.runtime.content.IContentTypeManager");
        Class<?> contentType = contenttype.loadClass("org.eclipse.core.runtime.content.IContentType");
        Object m = platform.getMethod("getContentTypeManager").invoke(null);
        Object ct = call(m, manager, "getContentType", "dev.hvscope.eclipse.vmconfig");
        assertNotNull(ct, "content type not registered");
        for (String name : List.of("vm.toml", "pflash.vm.toml")) {
            Object found = call(m, manager, "findContentTypeFor", name);
            assertNotNull(found, name);
            assertEquals("dev.hvscope.eclipse.vmconfig", contentType.getMethod("getId").invoke(found), name);
        }
    }

    @Test
    void launchConfigurationTypeExists() throws Exception {
        Bundle debug = bundles.get("org.eclipse.debug.core");
        Class<?> debugPlugin = debug.loadClass("org.eclipse.debug.core.DebugPlugin");
        Class<?> launchManager = debug.loadClass("org.eclipse.debug.core.ILaunchManager");
        Class<?> typeClass = debug.loadClass("org.eclipse.debug.core.ILaunchConfigurationType");
        Object plugin = debugPlugin.getMethod("getDefault").invoke(null);
        assertNotNull(plugin, "debug.core not started");
        Object manager = debugPlugin.getMethod("getLaunchManager").invoke(plugin);
        Object type = call(manager, launchManager, "getLaunchConfigurationType", "dev.hvscope.eclipse.launchType");
        assertNotNull(type, "launch configuration type not registered");
        assertEquals("hvscope (riscv64 + H extension)", typeClass.getMethod("getName").invoke(type));
        assertEquals(true, call(type, typeClass, "supportsMode", "debug"));
    }

    @Test
    void lsp4eExtensionIsDeclaredForTheContentType() throws Exception {
        // LSP4E is not on Central, so its extension point is absent here: check the declaration itself
        try (JarFile jar = new JarFile(bundleJar().toFile())) {
            String xml = new String(jar.getInputStream(jar.getEntry("plugin.xml")).readAllBytes());
            assertTrue(xml.contains("point=\"org.eclipse.lsp4e.languageServer\""));
            assertTrue(xml.contains("class=\"dev.hvscope.eclipse.HvscopeStreamConnectionProvider\""));
            assertTrue(xml.contains("contentType=\"dev.hvscope.eclipse.vmconfig\""));
        }
        assertNotNull(ours.loadClass("dev.hvscope.eclipse.HvscopeLaunchDelegate"));
    }

}
