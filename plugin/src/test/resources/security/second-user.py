# The other local user of SecondLocalUserTest: tries to drive the debug adapter's TCP port and the
# live session's control channel, and prints one line per attempt. It asks the adapter to run `id`
# into a marker file, which must never appear.
# Usage: python3 second-user.py PORT TOKEN_FILE REGISTRY_DIR CONTROL_SOCKET MARKER
#    or: python3 second-user.py --gdb-stub SOCKET    (only the stub of a launched session)
import json
import os
import socket
import sys


def attempt(what, f):
    try:
        print(what + ": " + f())
    except PermissionError:
        print(what + ": denied")
    except OSError as e:
        print(what + ": " + type(e).__name__)
    sys.stdout.flush()


def message(seq, command, arguments):
    body = json.dumps({"seq": seq, "type": "request", "command": command, "arguments": arguments}).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def launch_id(first_line):
    s = socket.create_connection(("127.0.0.1", int(port)), timeout=60)
    s.sendall(first_line + message(1, "initialize", {"adapterID": "x"})
              + message(2, "launch", {"command": ["sh", "-c", "id > " + marker + " # ${port}"]}))
    got = b""
    try:
        while True:
            d = s.recv(4096)
            if not d:
                break
            got += d
    except ConnectionResetError:
        pass
    return "closed after %d bytes" % len(got)


def read_token():
    with open(token_file) as f:
        return "read %d characters" % len(f.read().strip())


def connect_unix(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    s.close()
    return "connected"


if sys.argv[1] == "--gdb-stub":
    attempt("gdb stub", lambda: connect_unix(sys.argv[2]))
    sys.exit(0)

port, token_file, registry, control, marker = sys.argv[1:]
attempt("token file", read_token)
attempt("dap without token", lambda: launch_id(b""))
attempt("dap with a guessed token", lambda: launch_id(b"HVSCOPE-TOKEN " + b"0" * 64 + b"\r\n"))
attempt("registry", lambda: "%d sessions" % len([f for f in os.listdir(registry) if f.endswith(".json")]))
attempt("control socket", lambda: connect_unix(control))
