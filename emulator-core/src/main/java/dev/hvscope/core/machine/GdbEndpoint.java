package dev.hvscope.core.machine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the GDB stub listens: a TCP address ({@code -s} is 127.0.0.1:1234), or a Unix domain
 * socket file ({@code socket} not null; host and port unused), which only this user can connect to.
 */
public record GdbEndpoint(String host, int port, Path socket) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 1234;

    public GdbEndpoint {
        if (socket == null) {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {   // 0: any free port
                throw new MachineException("gdb port " + port + " is not in 0..65535");
            }
        }
    }

    public GdbEndpoint(String host, int port) {
        this(host, port, null);
    }

    /** {@code -gdb unix:PATH}. */
    public static GdbEndpoint unix(Path socket) {
        return new GdbEndpoint(null, 0, Objects.requireNonNull(socket, "socket"));
    }

    public static GdbEndpoint defaultEndpoint() {
        return new GdbEndpoint(DEFAULT_HOST, DEFAULT_PORT);
    }

    public boolean isUnix() {
        return socket != null;
    }

    @Override
    public String toString() {
        return isUnix() ? "unix:" + socket : "tcp:" + host + ":" + port;
    }
}
