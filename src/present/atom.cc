#include "present/atom.h"

#include <fmt/format.h>

#include <algorithm>

namespace ordo::present {

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += "\xEF\xBF\xBD";  // U+FFFD: XML 1.0 has no way to write these
        } else {
          out += c;
        }
    }
  }
  return out;
}

namespace {

// RFC 3339, as Atom's dates are: 2024-02-26T00:00:00Z.
std::string AtomTime(Instant t) { return FormatInstant(t); }

std::string Scope(const std::string& scenario) { return scenario.empty() ? "record" : "scenario/" + scenario; }

}  // namespace

std::string AlertsAtom(const std::vector<AlertInfo>& alerts, const AtomFeed& feed) {
  std::vector<const AlertInfo*> newest;
  for (const AlertInfo& a : alerts) newest.push_back(&a);
  std::stable_sort(newest.begin(), newest.end(), [](const AlertInfo* x, const AlertInfo* y) {
    return y->recorded < x->recorded || (!(x->recorded < y->recorded) && y->id < x->id);
  });
  const std::string in_scenario = feed.scenario.empty() ? "" : "?scenario=" + feed.scenario;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += fmt::format("  <id>tag:ordo,2024:alerts/{}</id>\n", XmlEscape(Scope(feed.scenario)));
  out += fmt::format("  <title>ordo: alerts of the watch rules{}</title>\n",
                     feed.scenario.empty() ? "" : XmlEscape(" in scenario " + feed.scenario));
  out +=
      "  <subtitle>Where a rule's stated condition was met: the rule, the date, the order that met it and the "
      "statement's words. ordo does not assert the consequence.</subtitle>\n";
  out += fmt::format("  <updated>{}</updated>\n", AtomTime(feed.updated));
  out += "  <author><name>ordo</name></author>\n";
  out += "  <generator>ordo</generator>\n";
  out += fmt::format("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", XmlEscape(feed.self));
  out += fmt::format("  <link rel=\"alternate\" type=\"application/json\" href=\"{}\"/>\n",
                     XmlEscape("/api/alerts" + in_scenario));
  for (const AlertInfo* a : newest) {
    std::string bindings;
    for (const auto& [var, entity] : a->bindings) {
      bindings += fmt::format("{}?{} = {}", bindings.empty() ? "" : ", ", var, entity);
    }
    std::string content =
        fmt::format("Rule {} ({}) was met on {} by order {}.", a->rule, a->rule_title, FormatDate(a->date), a->order);
    if (!bindings.empty()) content += "\nBindings: " + bindings + ".";
    if (!a->quote.empty()) content += fmt::format("\nThe statement {} says: \u00ab{}\u00bb", a->cites, a->quote);
    if (!a->note.empty()) content += "\nNote: " + a->note;
    content += "\nThe condition as the statement states it is met; ordo does not assert the consequence.";
    out += "  <entry>\n";
    out += fmt::format("    <id>tag:ordo,2024:alert/{}/{}/{}/{}</id>\n", XmlEscape(Scope(a->scenario)),
                       XmlEscape(a->rule), XmlEscape(a->order), a->id);
    out += fmt::format("    <title>{}: met on {} by {}</title>\n", XmlEscape(a->rule_title), FormatDate(a->date),
                       XmlEscape(a->order));
    out += fmt::format("    <updated>{}</updated>\n", AtomTime(a->recorded));
    out += fmt::format("    <published>{}</published>\n", AtomTime(a->recorded));
    out += fmt::format("    <link rel=\"alternate\" type=\"application/json\" href=\"{}\"/>\n",
                       XmlEscape("/api/orders/" + a->order + in_scenario));
    out += fmt::format("    <category term=\"{}\" label=\"{}\"/>\n", XmlEscape(a->rule), XmlEscape(a->rule_title));
    out += fmt::format("    <content type=\"text\">{}</content>\n", XmlEscape(content));
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace ordo::present
