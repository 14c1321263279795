package dev.hvscope.eclipse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.model.ILaunchConfigurationDelegate;

/**
 * The "hvscope" launch type: turns its attributes into a launch of LSP4E's generic Debug Adapter
 * Launcher running {@code hvscope dap}, with the DAP launch (or attach) arguments as JSON. Attributes
 * (all strings): {@value #ATTR_REQUEST} ("launch" or "attach"), {@value #ATTR_PROGRAM},
 * {@value #ATTR_VM_CONFIG}, {@value #ATTR_PFLASH_MODE}, {@value #ATTR_HOST}, {@value #ATTR_PORT}.
 */
public final class HvscopeLaunchDelegate implements ILaunchConfigurationDelegate {
    public static final String ATTR_REQUEST = "dev.hvscope.eclipse.request";
    public static final String ATTR_PROGRAM = "dev.hvscope.eclipse.program";
    public static final String ATTR_VM_CONFIG = "dev.hvscope.eclipse.vmConfig";
    public static final String ATTR_PFLASH_MODE = "dev.hvscope.eclipse.pflashMode";
    public static final String ATTR_HOST = "dev.hvscope.eclipse.host";
    public static final String ATTR_PORT = "dev.hvscope.eclipse.port";

    /** LSP4E's Debug Adapter Launcher and its attribute keys (DSPPlugin, org.eclipse.lsp4e.debug). */
    static final String LSP4E_LAUNCH_TYPE = "org.eclipse.lsp4e.debug.launchType";
    static final String DSP = "org.eclipse.lsp4e.debug.model";
    static final String ATTR_DSP_MODE = DSP + ".ATTR_DSP_MODE";
    static final String DSP_MODE_LAUNCH = "launch server";
    static final String ATTR_DSP_CMD = DSP + ".ATTR_DSP_CMD";
    static final String ATTR_DSP_ARGS = DSP + ".ATTR_DSP_ARGS";
    static final String ATTR_DSP_PARAM = DSP + ".ATTR_DSP_PARAM";

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        ILaunchConfigurationType dsp = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(LSP4E_LAUNCH_TYPE);
        if (dsp == null) {
            throw new CoreException(Status.error("hvscope: LSP4E's Debug Adapter Launcher (org.eclipse.lsp4e.debug)"
                    + " is not installed"));
        }
        ILaunchConfigurationWorkingCopy wc = dsp.newInstance(null, configuration.getName() + " (hvscope dap)");
        List<String> cmd = HvscopeCommand.of("dap");
        wc.setAttribute(ATTR_DSP_MODE, DSP_MODE_LAUNCH);
        wc.setAttribute(ATTR_DSP_CMD, cmd.get(0));
        wc.setAttribute(ATTR_DSP_ARGS, new ArrayList<>(cmd.subList(1, cmd.size())));
        wc.setAttribute(ATTR_DSP_PARAM, dapArguments(configuration));
        // the generated configuration is not saved: it is this launch's implementation detail
        wc.launch(mode, monitor);
    }

    /** The DAP launch/attach request arguments, as LSP4E wants them: one JSON object. */
    static String dapArguments(ILaunchConfiguration c) throws CoreException {
        String request = c.getAttribute(ATTR_REQUEST, "launch");
        StringBuilder json = new StringBuilder("{\"type\":\"hvscope\",\"request\":").append(quote(request));
        for (Map.Entry<String, String> e : Map.of("program", ATTR_PROGRAM, "vmConfig", ATTR_VM_CONFIG,
                "pflashMode", ATTR_PFLASH_MODE, "host", ATTR_HOST).entrySet()) {
            String v = c.getAttribute(e.getValue(), "");
            if (!v.isEmpty()) {
                json.append(',').append(quote(e.getKey())).append(':').append(quote(v));
            }
        }
        String port = c.getAttribute(ATTR_PORT, "");
        if (port.matches("\\d+")) {
            json.append(",\"port\":").append(port);
        }
        return json.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }

}
