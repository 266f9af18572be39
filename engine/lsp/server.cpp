#include "lsp/server.hpp"

#include <algorithm>

#include "check/setup.hpp"
#include "config/project_config.hpp"
#include "compose/check.hpp"
#include "compose/fixes.hpp"
#include "format/formatter.hpp"
#include "lsp/completion.hpp"
#include "lsp/hover.hpp"
#include "lsp/protocol.hpp"
#include "lsp/symbols.hpp"
#include "util/uri.hpp"

namespace luohu::lsp {

Server::Server(const Checker& checker, Lang lang, Send send, bool lang_fixed, std::optional<Lang> project_lang)
    : base_checker_(checker), lang_(lang), lang_fixed_(lang_fixed), project_lang_(project_lang), send_(std::move(send)),
      drafts_(checker.limits()),
      encoder_(checker.rules(), lang) {
  requests_["initialize"] = [this](const json& p) { return initialize(p); };
  requests_["shutdown"] = [this](const json&) {
    shutdown_ = true;
    return json(nullptr);
  };
  requests_["textDocument/hover"] = [this](const json& p) { return hover(p); };
  requests_["textDocument/codeAction"] = [this](const json& p) { return code_action(p); };
  requests_["textDocument/documentSymbol"] = [this](const json& p) { return document_symbol(p); };
  requests_["textDocument/completion"] = [this](const json& p) { return completion(p); };
  requests_["textDocument/formatting"] = [this](const json& p) { return formatting(p); };
  notifications_["initialized"] = [](const json&) {};
  notifications_["textDocument/didOpen"] = [this](const json& p) { did_open(p); };
  notifications_["textDocument/didChange"] = [this](const json& p) { did_change(p); };
  notifications_["textDocument/didSave"] = [this](const json& p) { publish(p.at("textDocument").at("uri"), draft(p)); };
  notifications_["textDocument/didClose"] = [this](const json& p) { did_close(p); };
}

// ---- JSON-RPC ----------------------------------------------------------------

void Server::send(const json& message) { send_(to_text(message)); }

void Server::respond(const json& id, json result) {
  send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::respond_error(const json& id, int code, const std::string& message) {
  send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void Server::handle_bad_frame(const std::string& error) { respond_error(nullptr, error_code::parse_error, error); }

void Server::handle(const json& message) {
  if (!message.is_object()) {
    respond_error(nullptr, error_code::invalid_request, "a message must be a JSON object");
    return;
  }
  auto method_it = message.find("method");
  auto id_it = message.find("id");
  bool has_id = id_it != message.end();
  if (method_it == message.end()) return;  // a response to us: luohu sends no requests
  if (has_id && !id_it->is_number_integer() && !id_it->is_string()) {
    respond_error(nullptr, error_code::invalid_request, "id must be an integer or a string");
    return;
  }
  json id = has_id ? *id_it : json(nullptr);
  if (!method_it->is_string()) {
    if (has_id) respond_error(id, error_code::invalid_request, "method must be a string");
    return;
  }
  const std::string& method = method_it->get_ref<const std::string&>();
  json params = message.value("params", json(nullptr));

  if (!has_id) {  // a notification: never answered
    if (method == "exit") {
      exited_ = true;
      return;
    }
    if (!initialized_ || shutdown_) return;  // dropped, as the spec says
    auto it = notifications_.find(method);
    if (it == notifications_.end()) return;  // unknown notifications (and $/...) are ignored
    try {
      it->second(params);
    } catch (const std::exception& e) {
      send({{"jsonrpc", "2.0"},
             {"method", "window/logMessage"},
             {"params", {{"type", 1}, {"message", "luohu: " + method + ": " + e.what()}}}});
    }
    return;
  }

  if (method == "initialize" && initialized_) {
    respond_error(id, error_code::invalid_request, "initialize was already received");
    return;
  }
  if (method != "initialize" && !initialized_) {
    respond_error(id, error_code::server_not_initialized, "the server has not been initialized");
    return;
  }
  if (shutdown_) {
    respond_error(id, error_code::invalid_request, "the server is shutting down");
    return;
  }
  auto it = requests_.find(method);
  if (it == requests_.end()) {
    respond_error(id, error_code::method_not_found, "unknown method: " + method);
    return;
  }
  try {
    respond(id, it->second(params));
  } catch (const InvalidParams& e) {
    respond_error(id, error_code::invalid_params, e.what());
  } catch (const json::exception& e) {
    respond_error(id, error_code::invalid_params, std::string("invalid params: ") + e.what());
  } catch (const std::exception& e) {
    respond_error(id, error_code::internal_error, e.what());
  }
}

// ---- lifecycle and documents -----------------------------------------------------

json Server::initialize(const json& params) {
  if (params.is_object() && !lang_fixed_) {
    // initializationOptions.lang, else the project's .luohu.yaml (found upward from the workspace
    // root), else the editor's UI language ("zh-cn").
    auto options = params.value("initializationOptions", json::object());
    if (auto root = params.find("rootUri"); root != params.end() && root->is_string()) {
      if (auto dir = uri_to_path(root->get<std::string>())) {
        std::vector<LoadError> errors;
        if (auto config = project_config_for(*dir, errors); config && config->lang)
          project_lang_ = *config->lang == "zh" ? Lang::zh : Lang::en;
      }
    }
    if (options.is_object() && options.contains("lang")) {
      lang_ = options["lang"] == "zh" ? Lang::zh : Lang::en;
    } else if (project_lang_) {
      lang_ = *project_lang_;
    } else if (auto locale = params.find("locale"); locale != params.end() && locale->is_string()) {
      if (auto lang = language_from_locale(locale->get<std::string>())) lang_ = *lang;
    }
    encoder_ = DiagnosticEncoder(checker().rules(), lang_);
    // asOf: the rules in force on a date (YYYY-MM-DD), or on the policy's own 施行日期 ("effective").
    if (options.is_object() && options.contains("asOf") && options["asOf"].is_string()) {
      std::string as_of = options["asOf"];
      if (as_of == "effective" || valid_waiver_date(as_of)) {
        dated_checker_.emplace(base_checker_);
        dated_checker_->as_of = as_of;
      }
    }
  }
  initialized_ = true;
  return {{"capabilities",
           {{"positionEncoding", "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
            {"hoverProvider", true},
            {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
            {"documentSymbolProvider", true},
            {"completionProvider", {{"triggerCharacters", {" ", "\xE3\x80\x81"}}}},
            {"documentFormattingProvider", true}}},
          {"serverInfo", {{"name", "luohu"}, {"version", LUOHU_VERSION}}}};
}

Draft& Server::draft(const json& params) {
  const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
  Draft* d = drafts_.find(uri);
  if (!d) throw InvalidParams("the document is not open: " + uri);
  return *d;
}

void Server::did_open(const json& params) {
  const auto& doc = params.at("textDocument");
  const std::string& uri = doc.at("uri").get_ref<const std::string&>();
  std::string path = uri_to_path(uri).value_or(uri);
  Draft& d = drafts_.open(uri, path, doc.at("text").get<std::string>(), doc.value("version", 0));
  publish(uri, d);
}

void Server::did_change(const json& params) {
  const auto& doc = params.at("textDocument");
  const std::string& uri = doc.at("uri").get_ref<const std::string&>();
  Draft& d = drafts_.change(uri, params.at("contentChanges"), doc.value("version", 0));
  publish(uri, d);
}

void Server::did_close(const json& params) {
  const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
  drafts_.close(uri);
  encoder_.forget(uri);
  send({{"jsonrpc", "2.0"},
         {"method", "textDocument/publishDiagnostics"},
         {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
}

void Server::publish(const std::string& uri, Draft& d) {
  // What the last check left (its report, the model it built) is freed after
  // the new diagnostics are sent, not before: off the edit-to-diagnostics path.
  FileReport previous;
  std::unique_ptr<PolicyModel> model;
  if (!d.report.source) {
    previous = std::move(d.report);
    d.report = compose::check_parsed(checker(), d.source, d.parse(), &model);
    compose::confine_to_root(d.report);  // findings in imported baselines, shown on the 导入 line
  }
  send_(encoder_.publish(*d.report.source, uri, d.version, d.report.diagnostics));
}

// ---- features ---------------------------------------------------------------------

json Server::hover(const json& params) {
  Draft& d = draft(params);
  std::uint32_t at = offset(*d.source, params.at("position"));
  auto info = lsp::hover(*d.source, d.report.diagnostics, checker().rules(), lang_, at, &d.tree(), &checker().registry(),
                          checker().stated_as_of());
  if (!info) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", info->markdown}}}, {"range", range(*d.source, info->range)}};
}

json Server::code_action(const json& params) {
  Draft& d = draft(params);
  const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
  SourceRange wanted = source_range(*d.source, params.at("range"));
  // A finding of an imported file, shown on the 导入 line, is fixed in that file.
  std::vector<SourceRange> imports;
  for (const auto& st : d.tree().statements) {
    if (st.id == syntax::KeywordId::import) imports.push_back(st.range);
  }
  // One action per distinct edit, naming every finding it fixes: two findings on
  // one clause that the same removal clears get one action, preferred once.
  struct Action {
    Fix fix;
    json diagnostics = json::array();
  };
  std::vector<Action> actions;
  for (const auto& finding : d.report.diagnostics) {
    if (finding.range.begin > wanted.end || wanted.begin > finding.range.end) continue;
    if (std::any_of(imports.begin(), imports.end(), [&](SourceRange r) { return r.begin == finding.range.begin; })) continue;
    for (auto& fix : compose::fixes_for(checker(), d.report, d.tree(), finding)) {
      auto same = std::find_if(actions.begin(), actions.end(), [&](const Action& a) {
        return a.fix.range.begin == fix.range.begin && a.fix.range.end == fix.range.end && a.fix.replacement == fix.replacement;
      });
      if (same == actions.end()) {
        actions.push_back({std::move(fix)});
        same = actions.end() - 1;
      } else {
        same->fix.preferred = same->fix.preferred || fix.preferred;
      }
      same->diagnostics.push_back(encoder_.encode(*d.source, uri, finding));
    }
  }
  json out = json::array();
  for (auto& a : actions) {
    json edit = {{"changes", {{uri, json::array({text_edit(*d.source, a.fix.range, a.fix.replacement)})}}}};
    out.push_back({{"title", a.fix.description.in(lang_)},
                   {"kind", "quickfix"},
                   {"diagnostics", std::move(a.diagnostics)},
                   {"isPreferred", a.fix.preferred},
                   {"edit", std::move(edit)}});
  }
  return out;
}

namespace {
int symbol_kind(Symbol::Kind k) {
  switch (k) {
    case Symbol::Kind::statement: return 8;   // Field
    case Symbol::Kind::zone: return 3;        // Namespace
    case Symbol::Kind::channel: return 5;     // Class
    case Symbol::Kind::block: return 23;      // Struct
    case Symbol::Kind::conditions: return 2;  // Module
    case Symbol::Kind::clause: return 7;      // Property
  }
  return 13;
}

json symbol_json(const SourceFile& source, const Symbol& s) {
  // Half-typed blocks may end before their name: LSP wants the name inside.
  SourceRange whole{std::min(s.range.begin, s.selection.begin), std::max(s.range.end, s.selection.end)};
  json children = json::array();
  for (const auto& c : s.children) children.push_back(symbol_json(source, c));
  json out = {{"name", s.name.empty() ? "?" : s.name},
              {"kind", symbol_kind(s.kind)},
              {"range", range(source, whole)},
              {"selectionRange", range(source, s.selection)},
              {"children", std::move(children)}};
  if (!s.detail.empty()) out["detail"] = s.detail;
  return out;
}
}  // namespace

json Server::document_symbol(const json& params) {
  Draft& d = draft(params);
  json out = json::array();
  for (const auto& s : document_symbols(d.tree(), d.source->text())) out.push_back(symbol_json(*d.source, s));
  return out;
}

json Server::completion(const json& params) {
  Draft& d = draft(params);
  std::uint32_t at = offset(*d.source, params.at("position"));
  json items = json::array();
  for (const auto& c : complete(*d.source, at, lang_)) {
    int kind = c.kind == Candidate::Kind::keyword ? 14 : c.kind == Candidate::Kind::zone ? 9 : 20;
    json item = {{"label", c.label}, {"kind", kind}, {"detail", c.detail}};
    if (!c.documentation.empty()) item["documentation"] = c.documentation;
    items.push_back(std::move(item));
  }
  return items;
}

json Server::formatting(const json& params) {
  Draft& d = draft(params);
  auto result = format::format_source(*d.source);
  if (!result.text) return nullptr;  // a syntax error: nothing to format yet
  if (*result.text == d.source->text()) return json::array();
  SourceRange all{0, static_cast<std::uint32_t>(d.source->text().size())};
  return json::array({text_edit(*d.source, all, *result.text)});
}

// ---- the loop --------------------------------------------------------------------------

int serve(const Checker& checker, Lang lang, Transport& transport, bool lang_fixed, std::optional<Lang> project_lang) {
  Server server(checker, lang, [&](const std::string& text) { transport.write(text); }, lang_fixed, project_lang);
  while (!server.exited()) {
    auto incoming = transport.read();
    switch (incoming.status) {
      case Transport::Status::message: server.handle(incoming.message); break;
      case Transport::Status::bad_header:
      case Transport::Status::bad_json: server.handle_bad_frame(incoming.error); break;
      case Transport::Status::end_of_input: return server.exit_code();
    }
  }
  return server.exit_code();
}

}  // namespace luohu::lsp
