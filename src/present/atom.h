// The watch rules' alerts as an Atom feed (RFC 4287), so that a feed reader follows them
// (GET /api/alerts.atom). A pure function of its arguments; no I/O.
#ifndef ORDO_PRESENT_ATOM_H_
#define ORDO_PRESENT_ATOM_H_

#include <string>
#include <string_view>
#include <vector>

#include "ordo/database.h"

namespace ordo::present {

// Text escaped for XML character data and attribute values (&, <, >, ", '); characters XML 1.0
// does not allow (C0 controls other than tab, LF and CR) become U+FFFD.
std::string XmlEscape(std::string_view text);

struct AtomFeed {
  std::string scenario;  // "" = the record
  std::string self;      // the feed's own path with its query, for rel="self" ("/api/alerts.atom")
  // When the feed last changed: the latest alert's record time, else the record's latest
  // order's, else the epoch.
  Instant updated;
};

// The feed: newest alert first. Each entry: a permanent tag: id (the branch, rule, order and
// alert id), the rule's title with the date the condition was met as its title, the order's
// record time as updated and published, a link to the order (/api/orders/ID, with ?scenario=
// in a scenario) and as content the statement's words, the bindings and the rule's note.
std::string AlertsAtom(const std::vector<AlertInfo>& alerts, const AtomFeed& feed);

}  // namespace ordo::present

#endif  // ORDO_PRESENT_ATOM_H_
