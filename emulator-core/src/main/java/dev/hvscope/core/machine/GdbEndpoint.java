package dev.hvscope.core.machine;

import java.util.Objects;

/** Where the GDB stub listens ({@code -s} is 127.0.0.1:1234). */
public record GdbEndpoint(String host, int port) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 1234;

    public GdbEndpoint {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {   // 0: any free port
            throw new MachineException("gdb port " + port + " is not in 0..65535");
        }
    }

    public static GdbEndpoint defaultEndpoint() {
        return new GdbEndpoint(DEFAULT_HOST, DEFAULT_PORT);
    }

    @Override
    public String toString() {
        return "tcp:" + host + ":" + port;
    }
}
