// Starts `luohu lsp` for .luohu files; everything else is the server's job.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("luohu");
  const command = config.get("path") || "luohu";
  const lang = config.get("lang");
  const args = lang ? ["--lang", lang, "lsp"] : ["lsp"];
  const server = { command, args, transport: TransportKind.stdio };
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
