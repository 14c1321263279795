package dev.hvscope.core.machine;

/**
 * A problem the user can fix: a bad option, a missing or malformed image, a segment outside RAM.
 * The command line prints it as {@code hvscope: <message>} and exits with status 1, so the message
 * is one line that names the thing at fault. Unchecked, so it can also leave {@code run()}.
 */
public class MachineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MachineException(String message) {
        super(message);
    }

    public MachineException(String message, Throwable cause) {
        super(message, cause);
    }
}
