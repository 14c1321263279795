package dev.hvscope.core.machine;

/** An ELF or raw image that cannot be loaded; the message names the file and the problem. */
public class ImageFormatException extends MachineException {
    private static final long serialVersionUID = 1L;

    public ImageFormatException(String message) {
        super(message);
    }
}
