package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspClient;
import java.nio.file.Path;
import java.util.Map;

/** Where an RSP stub listens: host:port, or a Unix domain socket file ({@code socket} not null). */
record StubAddress(String host, int port, Path socket) {
    static StubAddress tcp(String host, int port) {
        return new StubAddress(host, port, null);
    }

    static StubAddress unix(Path socket) {
        return new StubAddress(null, -1, socket);
    }

    /** attach's (and an attach's restart's) arguments: {@code socket} (a path), else {@code host} (127.0.0.1) and {@code port}. */
    static StubAddress of(Map<String, Object> args) {
        String socket = Args.string(args, "socket", null);
        if (socket != null && !socket.isEmpty()) {
            return unix(Path.of(socket));
        }
        int port = Args.integer(args, "port", -1);
        if (port <= 0 || port > 65535) {
            throw DapError.badArgs("attach needs 'port' (1..65535) or 'socket' (the path of a gdb stub's Unix socket)");
        }
        return tcp(Args.string(args, "host", "127.0.0.1"), port);
    }

    /** Connects and negotiates. */
    RspClient connect() {
        return socket != null ? RspClient.connect(socket) : RspClient.connect(host, port);
    }

    @Override
    public String toString() {
        return socket != null ? "unix:" + socket : host + ":" + port;
    }
}
