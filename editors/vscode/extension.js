// Starts `luohu lsp` for .luohu files; everything else is the server's job.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");
const { findServer } = require("./server-path");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("luohu");
  const found = findServer(config.get("path"), context.extensionPath);
  if (found.error) {
    // Say so once, in the editor's language, with the way out; start nothing.
    const zh = vscode.env.language.startsWith("zh");
    const open = zh ? "打开设置" : "Open Settings";
    vscode.window.showErrorMessage(zh ? found.error.zh : found.error.en, open).then((choice) => {
      if (choice === open) vscode.commands.executeCommand("workbench.action.openSettings", "luohu.path");
    });
    return undefined;
  }
  const lang = config.get("lang");
  const args = lang ? ["--lang", lang, "lsp"] : ["lsp"];  // else the server follows initialize's locale
  const server = { command: found.command, args, transport: TransportKind.stdio };
  client = new LanguageClient("luohu", "luohu", server, {
    documentSelector: [{ scheme: "file", language: "luohu" }, { scheme: "untitled", language: "luohu" }],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
