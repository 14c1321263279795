package dev.hvscope.plugin.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private runtime directory: made 0700, and refused when another user could have made or entered it. */
class RuntimeDirTest {
    @TempDir
    Path tmp;
    Path run;

    @BeforeEach
    void location() {
        run = tmp.resolve("run");
        System.setProperty(RuntimeDir.PROPERTY, run.toString());
    }

    @AfterEach
    void standardLocation() {
        System.clearProperty(RuntimeDir.PROPERTY);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void missingDirectory_isCreatedOwnerOnly_withItsChild() throws Exception {
        Path sessions = RuntimeDir.open("sessions");
        assertEquals(run.resolve("sessions"), sessions);
        assertEquals("rwx------", mode(run));
        assertEquals("rwx------", mode(sessions));
        assertEquals(sessions, RuntimeDir.open("sessions")); // and accepted the next time
    }

    @Test
    void directoryOthersMayEnter_isRefusedAndLeftAsItIs() throws Exception {
        Files.createDirectory(run, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        IOException e = assertThrows(IOException.class, RuntimeDir::open);
        assertTrue(e.getMessage().contains("open to other users") && e.getMessage().contains("chmod 700"), e.getMessage());
        assertEquals("rwxr-xr-x", mode(run));
    }

    @Test
    void symbolicLink_isRefusedEvenToAPrivateDirectory() throws Exception {
        Path target = Files.createDirectory(tmp.resolve("elsewhere"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(run, target);
        IOException e = assertThrows(IOException.class, RuntimeDir::open);
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void directoryOfAnotherUser_isRefused() throws Exception {
        assumeTrue(RuntimeDir.currentUid() == 0, "only root can give a directory away");
        Files.createDirectory(run, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setAttribute(run, "unix:uid", 65534);
        IOException e = assertThrows(IOException.class, RuntimeDir::open);
        assertTrue(e.getMessage().contains("belongs to uid 65534"), e.getMessage());
    }

    @Test
    void registryInADirectoryOthersMayEnter_isNeitherWrittenNorRead() throws Exception {
        Files.createDirectories(run.resolve("sessions"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path config = Files.writeString(tmp.resolve("vm.toml"), "");
        Files.writeString(run.resolve("sessions").resolve("planted.json"), "{\"pid\": " + ProcessHandle.current().pid()
                + ", \"config\": \"" + LiveSessionRegistry.realPath(config) + "\", \"socket\": \"/tmp/planted.sock\"}");
        LiveSessionRegistry registry = LiveSessionRegistry.standard();
        assertThrows(IOException.class, () -> registry.register(config, run.resolve("sessions/x.sock")));
        assertThrows(IOException.class, registry::newSocket);
        assertEquals(List.of(), registry.sessionsFor(config));
    }
}
