// The language server: LSP lifecycle and one handler per method, over a
// Transport. Features (hover, fixes, symbols, completion, formatting) know
// nothing of JSON-RPC; this file turns them into LSP shapes.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>

#include "check/checker.hpp"
#include "lsp/draft_store.hpp"
#include "lsp/publish.hpp"
#include "lsp/transport.hpp"

namespace luohu::lsp {

using nlohmann::json;

class Server {
 public:
  // `send` receives every outgoing message (responses and notifications) as
  // JSON text: publishDiagnostics is assembled from cached per-diagnostic text
  // (lsp/publish.hpp), so the server hands out text, not json values.
  using Send = std::function<void(const std::string& json_text)>;
  // `lang_fixed`: the user chose `lang` (--lang); else the editor's
  // initialize `locale` (or initializationOptions.lang) decides.
  Server(const Checker& checker, Lang lang, Send send, bool lang_fixed = false, std::optional<Lang> project_lang = {});

  Lang lang() const { return lang_; }

  // Handles one incoming message (request, notification or response).
  void handle(const json& message);
  // Answers a frame that could not be read (ParseError / InvalidRequest).
  void handle_bad_frame(const std::string& error);

  bool exited() const { return exited_; }
  int exit_code() const { return shutdown_ ? 0 : 1; }

 private:
  using Handler = std::function<json(const json& params)>;  // requests
  using Notification = std::function<void(const json& params)>;

  json initialize(const json& params);
  void did_open(const json& params);
  void did_change(const json& params);
  void did_close(const json& params);
  void publish(const std::string& uri, Draft& draft);
  json hover(const json& params);
  json code_action(const json& params);
  json document_symbol(const json& params);
  json completion(const json& params);
  json formatting(const json& params);
  Draft& draft(const json& params);  // params.textDocument.uri, which must be open

  void send(const json& message);
  void respond(const json& id, json result);
  void respond_error(const json& id, int code, const std::string& message);

  const Checker& base_checker_;
  std::optional<Checker> dated_checker_;  // a copy when the editor's settings set asOf
  const Checker& checker() const { return dated_checker_ ? *dated_checker_ : base_checker_; }
  Lang lang_;
  bool lang_fixed_;
  std::optional<Lang> project_lang_;  // .luohu.yaml's lang: after initializationOptions.lang, before the locale
  Send send_;
  DraftStore drafts_;  // with the checker's limits
  DiagnosticEncoder encoder_;
  std::map<std::string, Handler> requests_;
  std::map<std::string, Notification> notifications_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
};

// Runs a server over a transport until exit or end of input; returns the
// process exit code.
int serve(const Checker& checker, Lang lang, Transport& transport, bool lang_fixed = false,
          std::optional<Lang> project_lang = {});

}  // namespace luohu::lsp
