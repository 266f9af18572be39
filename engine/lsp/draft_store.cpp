#include "lsp/draft_store.hpp"

#include "lsp/protocol.hpp"
#include "syntax/incremental.hpp"

namespace luohu::lsp {

const syntax::ParseResult& Draft::parse() {
  if (parsed_ && parsed_source_ == source) return *parsed_;
  if (parsed_ && parsed_source_) {
    parsed_ = syntax::reparse(std::move(*parsed_), parsed_source_->text(), *source, limits).result;
  } else {
    parsed_ = syntax::parse(*source, limits);
  }
  parsed_source_ = source;
  return *parsed_;
}

Draft& DraftStore::open(const std::string& uri, const std::string& path, std::string text, std::int64_t version) {
  Draft& d = drafts_[uri];
  d = Draft{};
  d.limits = limits_;
  d.source = std::make_shared<SourceFile>(path, std::move(text));
  d.version = version;
  return d;
}

Draft& DraftStore::change(const std::string& uri, const nlohmann::json& changes, std::int64_t version) {
  Draft* d = find(uri);
  if (!d) throw InvalidParams("didChange for a document that is not open: " + uri);
  if (!changes.is_array()) throw InvalidParams("contentChanges must be an array");
  auto source = d->source;
  for (const auto& change : changes) {
    const std::string& text = change.at("text").get_ref<const std::string&>();
    if (!change.contains("range")) {
      source = std::make_shared<SourceFile>(source->path(), text);
      continue;
    }
    SourceRange r = source_range(*source, change.at("range"));
    std::string next;
    next.reserve(source->text().size() - (r.end - r.begin) + text.size());
    next.append(source->text(), 0, r.begin).append(text).append(source->text(), r.end);
    source = std::make_shared<SourceFile>(source->path(), std::move(next));
  }
  d->source = std::move(source);
  d->version = version;
  // Stale: Server::publish() checks again and frees the old findings once the
  // new ones are sent. The parse is kept: Draft::parse() re-parses from it.
  d->report.source.reset();
  return *d;
}

void DraftStore::close(const std::string& uri) { drafts_.erase(uri); }

Draft* DraftStore::find(const std::string& uri) {
  auto it = drafts_.find(uri);
  return it == drafts_.end() ? nullptr : &it->second;
}

}  // namespace luohu::lsp
