package dev.hvscope.app;

import dev.hvscope.plugin.lsp.LanguageServerLauncher;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code hvscope lsp}: the language server for VM config files, on stdin/stdout. Anything else that
 * would print to stdout (a stray log line) is sent to stderr first, since stdout carries the protocol.
 */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = "Language server (LSP over stdio) for VM config files (*.vm.toml, vm.toml).")
public final class LspCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        System.out.flush();
        // LSP: the exit notification ends the process, 0 after shutdown, else 1
        LanguageServerLauncher.serve(System.in, protocol, status -> Runtime.getRuntime().halt(status));
        // the client closed our stdin without exit
        return 1;
    }
}
