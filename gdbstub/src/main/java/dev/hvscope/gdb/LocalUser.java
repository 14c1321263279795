package dev.hvscope.gdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's user, for the ownership checks that keep hvscope's local sockets private. */
public final class LocalUser {
    private LocalUser() {
    }

    /** This process's user id. */
    public static long uid() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (LinkageError e) {
            try { // an environment without the jdk.security.auth module: the owner of the process's /proc entry
                return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
            } catch (IOException | RuntimeException notLinux) {
                throw new IllegalStateException("cannot tell this process's user id", notLinux);
            }
        }
    }
}
