package dev.hvscope.gdb.command;

/** One RSP packet family: parses the packet and answers through the session. */
@FunctionalInterface
public interface Command {
    /** Handles {@code packet} (the whole payload, name included); every path replies or defers the reply. */
    void handle(Session session, String packet);
}
