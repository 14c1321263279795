package dev.hvscope.app;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * QEMU accepts every option with one or two dashes ({@code --machine virt}); picocli knows only the
 * single-dash names we declare. This rewrites {@code --name} to {@code -name} for the default
 * command's options, skipping option values so {@code -append --foo} is left alone.
 */
final class QemuArgs {
    private QemuArgs() {
    }

    static String[] normalize(String[] args, CommandSpec spec) {
        if (args.length > 0 && spec.subcommands().containsKey(args[0])) {
            return args; // a subcommand has its own (GNU-style) options
        }
        String[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            String a = out[i];
            if (a.startsWith("--") && a.length() > 2 && spec.findOption(a) == null
                    && spec.findOption(a.substring(1)) != null) {
                out[i] = a.substring(1);
            }
            OptionSpec o = spec.findOption(out[i]);
            if (o != null && o.arity().max() > 0) {
                i++; // the value, whatever it looks like
            }
        }
        return out;
    }
}
