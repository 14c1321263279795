// A fake `vscode` module and language client, so that extension.js can be loaded and activated
// outside VS Code: what it registers and what it would start are recorded. Used by
// test/activation.test.js and by ide/dap-e2e/vscode-wiring.js. test/ is not packaged (.vscodeignore).
'use strict';
const path = require('path');
const Module = require('module');

class DebugAdapterExecutable {
  constructor(command, args) { this.command = command; this.args = args; }
}

/**
 * Loads extensionDir/extension.js against the fakes (workspace folder `workspace`, hvscope.* settings
 * `settings` over the defaults, a trusted workspace unless `trusted` is false) and activates it.
 * Answers { context, registered, started, grantTrust }: the extension context, the commands and
 * adapter factories registered by id, the messages shown, the language clients started (stopped ones
 * get `stopped`), and a function that plays the user trusting the workspace.
 */
async function activate(extensionDir, workspace, settings, trusted = true) {
  const registered = { commands: {}, adapterFactories: {}, documents: [], requests: [], inputs: [], messages: [] };
  const trustListeners = [];
  const started = [];
  const values = { command: '', 'lsp.args': ['lsp'], 'dap.args': ['dap'], ...settings };
  const fakeVscode = {
    workspace: {
      workspaceFolders: [{ uri: { fsPath: workspace } }],
      isTrusted: trusted,
      onDidGrantWorkspaceTrust: (listener) => { trustListeners.push(listener); return { dispose() {} }; },
      getConfiguration: () => ({ get: (key) => values[key] }),
      openTextDocument: (o) => { registered.documents.push(o); return Promise.resolve(o); },
    },
    window: {
      activeTextEditor: undefined,
      showWarningMessage: () => undefined,
      showInformationMessage: (m) => { registered.messages.push(m); return Promise.resolve(); },
      // the test queues the answers the user would type
      showInputBox: () => Promise.resolve(registered.inputs.shift()),
      showTextDocument: () => Promise.resolve(),
    },
    commands: {
      registerCommand: (id, fn) => { registered.commands[id] = fn; return { dispose() {} }; },
      executeCommand: () => undefined,
    },
    debug: {
      registerDebugAdapterDescriptorFactory: (type, f) => { registered.adapterFactories[type] = f; return { dispose() {} }; },
      // a test sets registered.session to { type, customRequest } to play the running debug session
      get activeDebugSession() { return registered.session; },
    },
    DebugAdapterExecutable,
  };
  class FakeLanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions });
    }
    start() { started.push(this); return Promise.resolve(); }
    stop() { this.stopped = true; return Promise.resolve(); }
  }
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return fakeVscode;
    if (request === 'vscode-languageclient/node') return { LanguageClient: FakeLanguageClient };
    return load.call(this, request, parent, isMain);
  };
  try {
    // a fresh copy each time: extension.js keeps the `vscode` module it was loaded with
    const file = require.resolve(path.join(extensionDir, 'extension.js'));
    delete require.cache[file];
    const ext = require(file);
    const context = { subscriptions: [] };
    await ext.activate(context);
    const grantTrust = async () => {
      fakeVscode.workspace.isTrusted = true;
      for (const l of trustListeners) await l();
    };
    return { context, registered, started, grantTrust };
  } finally {
    Module._load = load;
  }
}

module.exports = { activate, DebugAdapterExecutable };
