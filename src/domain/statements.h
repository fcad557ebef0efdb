// Statements and reports (docs/statements.md): who said what, on what day, in what office, how
// firmly, and on whose report; and a report's claims held against the record.
//
// Everything here is built from the public API (ordo/database.h) and the statement schema of
// data/00-schema/schema.ordo: entities of kind `statement` (stated-by, said-at, said-time,
// statement-kind, venue, quote [source, hedge-N, also], condition [meaning], gist, about,
// answers/supports/qualifies/contradicts, reported-via [step, via, source]), of kind `report`
// (publisher, medium, published-on, relies-on) and of kind `claim` (claim-in, wording,
// report-words, follows, check [...], verdict, record-says, checked-against [order, order-N]).
//
// The functions return plain records, so that the CLI (`ordo statements`, `ordo report`) and the
// HTTP server share one computation; present/json.h and present/text.h show them.
// None of them throws; failures are Status values.
#ifndef ORDO_DOMAIN_STATEMENTS_H_
#define ORDO_DOMAIN_STATEMENTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/names.h"
#include "ordo/database.h"
#include "ordo/status.h"
#include "ordo/time.h"

namespace ordo::domain {

// The statement kinds `statement-kind` may hold, in the order the docs list them:
// announcement, order, conditional-threat, warning, hedge, denial, assessment.
const std::vector<std::string>& StatementKinds();

// How an incoming link is labelled: "answered by" for answers, "supported by" ...
std::string IncomingLabel(const std::string& relation);

// An explicit link between two statements. relation is answers, supports, qualifies or
// contradicts; outgoing: this statement answers `other`; incoming: `other` answers this one
// (shown as "answered by").
struct StatementLink {
  std::string relation;
  bool outgoing = true;
  EntityRef other;
};

// One link of the chain by which a statement reached the record.
struct ReportingLink {
  int64_t step = 0;  // 1 = the first report (a news agency, the author's own report)
  EntityRef report;
  std::string publisher;  // report attribute `publisher`
  std::string medium;     // report attribute `medium`
  std::string via;        // the report this one relayed ("" for step 1)
  std::string source;     // the source id documenting this link
};

struct StatementRecord {
  std::string id;
  std::string name;
  std::string kind;  // statement-kind: hedge, denial ...; "" when not given
  FuzzyDate date;    // said-at, else the start of the statement's lifetime
  std::string time;  // said-time ("evening"); "" when unknown
  std::string venue;
  EntityRef speaker;               // stated-by; id "" when not recorded
  std::vector<EntityRef> offices;  // the speaker's holds-office on `date`
  std::string quote;
  std::string quote_source;         // qualifier source: whose wording the quote is
  std::vector<std::string> also;    // qualifier also: more words of the same statement
  std::vector<std::string> hedges;  // qualifiers hedge, hedge-1, hedge-2 ... in key order
  std::string condition;            // in the speaker's words
  std::string condition_meaning;    // what it refers to, in ordo's words
  std::string gist;                 // ordo's summary of a reading (assessments)
  std::vector<EntityRef> about;
  std::vector<StatementLink> links;      // outgoing first, then incoming, each by relation then id
  std::vector<ReportingLink> reporting;  // by step, then report id
  std::vector<std::string> orders;       // the orders that recorded the statement's facts
  std::vector<SourceInfo> sources;       // their sources, each once, in order of first mention
  std::vector<std::string> notes;        // those orders' notes (unverified points are said here)
  Instant recorded;                      // when the statement was first recorded (sort tie-breaker)
};

// Which statements to list. Empty strings and absent dates do not filter.
struct StatementFilter {
  std::string about;         // an entity the statement is `about`
  std::string speaker;       // the stated-by entity
  std::string kind;          // a statement kind (StatementKinds())
  std::optional<Date> from;  // earliest date, inclusive
  std::optional<Date> to;    // latest date, inclusive
};

// The statements matching filter, in date order (then by record time, then id), as the record
// holds them at view.recorded in view.perspective (view.at is ignored: each statement is read as
// currently recorded, and the speaker's office at the statement's own date).
// Fails with kNotFound (with a "did you mean" note) for an unknown `about` or `speaker` id, and
// with kInvalid for an unknown kind.
Result<std::vector<StatementRecord>> ListStatements(const Database& db, const StatementFilter& filter,
                                                    const View& view);

// ---- Reports and their claims ------------------------------------------------------------

// Whether the record confirms a claim. Written to JSON by name; do not renumber.
enum class Verdict : uint8_t { kConfirmed = 0, kCorrected = 1, kUnknown = 2 };
const char* VerdictName(Verdict v);  // "confirmed", "corrected", "unknown"

// An order that holds evidence, with its sources.
struct EvidenceOrder {
  std::string id;
  std::string title;
  std::vector<SourceInfo> sources;
};

struct ClaimCheck {
  std::string id;
  std::string name;
  std::string wording;              // the claim, in ordo's words
  std::string report_words;         // the report's own words, where quoted
  std::vector<EntityRef> follows;   // statements the claim repeats
  std::vector<SourceInfo> sources;  // the claim's sources (the report's side)
  std::string check;                // "transfer", "statement", or "" (a stated verdict)
  std::string check_text;           // the check in words ("military-district northern-fleet -> ...")
  bool computed = false;            // the verdict was computed from the record
  Verdict verdict = Verdict::kUnknown;
  std::string record;                   // what the record holds, in words
  std::vector<std::string> record_ids;  // the entities the record side names (moved territories, statements)
  std::vector<EntityRef> checked_against;
  std::vector<EvidenceOrder> evidence;  // the orders behind the record side, with their sources
};

struct ReportCheck {
  EntityRef report;
  std::string publisher;
  std::string medium;
  std::optional<FuzzyDate> published;
  std::vector<EntityRef> relies_on;
  std::vector<SourceInfo> sources;  // the sources of the orders that recorded the report
  std::vector<std::string> notes;   // those orders' notes
  std::vector<ClaimCheck> claims;   // by claim id
};

// A report's claims, each evaluated against the record as seen in view (view.at is ignored;
// checks name their own dates). Fails with kNotFound for an unknown id, kInvalid when the entity
// is not a report.
Result<ReportCheck> CheckReport(const Database& db, const std::string& report_id, const View& view);

}  // namespace ordo::domain

#endif  // ORDO_DOMAIN_STATEMENTS_H_
