// The ordo engine: a bitemporal record of entities and facts, changed only by orders,
// durable in one SQLite file, answered from in-memory indexes.
//
// Thread safety: a Database may be shared by threads. Queries take a shared lock and see
// a consistent state; Apply takes an exclusive lock while it validates and commits.
#ifndef ORDO_DATABASE_H_
#define ORDO_DATABASE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ordo/order.h"
#include "ordo/status.h"
#include "ordo/time.h"

namespace ordo {

struct Options {
  // Create the file (and its tables) when it does not exist. Default: true.
  bool create_if_missing = true;
  // Open read-only: Apply fails with kInvalid. Default: false.
  bool read_only = false;
  // SQLite synchronous=FULL when true (every order survives power loss), NORMAL when false
  // (survives a process crash, WAL mode). Default: true.
  bool sync = true;
  // Upper bound on the rows a single query may return before failing with kLimit. Default: 10,000,000.
  size_t max_result_rows = 10'000'000;
  // Upper bound on the steps (candidate facts examined, matches found) one query, or one watch
  // rule over one batch, may take before it stops with kLimit. 0: no bound.
  uint64_t max_query_work = 2'000'000;
  // How long a write waits for another process's write to the same file to finish before it
  // fails with kIo "the database is busy: another process is writing it; retry". Default: 5 s.
  int busy_timeout_ms = 5000;
};

// Which record a query reads. The branch (the record or a scenario) is chosen by the Database
// handle the query is asked of: Database::Scenario gives a scenario's.
struct View {
  Date at = Date::Today();          // valid date (ignored by History and Diff)
  std::optional<Instant> recorded;  // what was known then; absent: everything recorded
  // Whose view: facts without a perspective plus those of this perspective. Empty: facts of
  // every perspective, each labelled with its own.
  std::string perspective;
  // History only: every version the record ever held, also those a later order superseded
  // (their recorded_to is set); recorded is then ignored.
  bool all_versions = false;
};

// How Apply applies a batch.
struct ApplyOptions {
  // Validate only: every check runs, then everything is rolled back; nothing is written, no
  // alert is recorded. Allowed on a read-only database. Default: false.
  bool check_only = false;
  // The branch to apply to: "" is the record; otherwise a scenario's name (CreateScenario).
  // A scenario's batch is stored as its order text, so `text` and `file` must then be the
  // batch's text and the name its diagnostics use. Default: the record.
  std::string scenario;
  std::string text;
  std::string file;
};

struct SourceInfo {
  std::string id, title, publisher, url, quote, note;
  std::optional<FuzzyDate> date;
  std::string original;  // the original URL when url is a mirror's copy
};

// A fact as the API shows it, with every id resolved to text.
struct FactInfo {
  uint64_t fact_id = 0;  // stable row id in the database file
  std::string subject;
  std::string predicate;  // relation or attribute name ("name@ru" for names)
  bool is_attribute = false;
  std::string object;          // relation object id (empty for attributes)
  std::optional<Value> value;  // attribute value
  FuzzyDate from;              // as written; from.date == Date::Min() when unbounded
  FuzzyDate to;                // to.date == Date::Max() when open-ended
  Instant recorded_from;       // record interval of this version [recorded_from, recorded_to)
  Instant recorded_to;         // Instant::Max() while current (as of the view's record time)
  // When the fact was first recorded: the record time of the order that asserted it. A later
  // order that cut the fact's interval (a move, an end) writes a new version, recorded from that
  // order's record time (recorded_from, recorded_by); the fact itself was known from this.
  Instant first_recorded;
  std::string recorded_by;  // the order whose record time starts this version
  // The order that superseded this version, when that is known in the view (recorded_to set).
  std::string superseded_by;
  std::string perspective;  // "" = undisputed
  std::vector<Qualifier> qualifiers;
  std::string order;        // the order that asserted the fact
  std::string ended_by;     // the order that set its end, if a later order did
  bool correction = false;  // asserted by a `correct` operation
  // The sources that state the fact: its operation's own (`cites`), else its order's.
  std::vector<SourceInfo> sources;
  bool own_sources = false;  // the operation cited its own sources
  // Another value is recorded for the same fact, with its own sources (an `alternative`): the
  // record holds this one as preferred. Database::Alternatives lists them.
  bool disputed = false;
  bool alternative = false;  // this row is an alternative (predicate names the fact it differs on)
};

// The answer to a query (docs/cli.md, "Queries"): every distinct assignment of the selected
// variables, as entity ids, sorted.
struct QueryAnswer {
  std::vector<std::string> columns;            // the selected variables, without '?'
  std::vector<std::vector<std::string>> rows;  // one entity id per column
  uint64_t work = 0;                           // the steps the evaluation took
};

// A stretch of an entity's existence, with its bounds as written.
struct Span {
  FuzzyDate from;
  FuzzyDate to;
};

// One lineage event: on `date`, `successor` was formed from (re-established from, split from,
// renamed from) `predecessor`, or `predecessor` merged into `successor`.
struct LineageLink {
  std::string predecessor;
  std::string successor;
  std::string type;  // as written: formed-from, merged-into, split-from, renamed-from, re-established-from
  Date date;
  std::string order;
  std::vector<SourceInfo> sources;
};

// Where the record does not cover a relation for an entity: absence there is silence, not "none".
struct CoverageGap {
  std::string relation;
  FuzzyDate from, to;
  std::string note;
  std::string order;
  std::vector<SourceInfo> sources;
};

struct EntityInfo {
  std::string id;
  std::string kind;
  std::vector<Name> names;             // valid at the view's date, one per language
  std::vector<Name> aliases;           // valid at the view's date
  std::vector<Span> lifetime;          // as recorded at the view's record time (gaps possible)
  bool alive = false;                  // whether it exists at the view's date
  std::vector<FactInfo> facts;         // relations and attributes with this subject, valid at the date
  std::vector<LineageLink> lineage;    // its predecessors and successors, every date, by date
  std::vector<CoverageGap> uncovered;  // the relations the record does not cover at the date
  std::vector<FactInfo> alternatives;  // other values sources give for its facts at the date
};

// An entity of a lineage and its lives.
struct LineageEntity {
  std::string id;
  std::string kind;
  std::string name;  // its English (else first) name at the start of its last life
  std::vector<Span> lifetime;
};

// Every predecessor of an entity back to the first, and every successor forward, with the
// events between them, by date.
struct LineageInfo {
  std::string id;
  std::vector<LineageEntity> entities;  // id first, then in order of discovery
  std::vector<LineageLink> links;       // by date, then predecessor
};

struct OrderInfo {
  std::string id, title, issuer, perspective;
  std::optional<FuzzyDate> signed_on;
  FuzzyDate effective;
  Instant recorded;               // when its content became known (the order's `recorded`, else when stored)
  std::optional<Instant> stored;  // when ordo stored it (transaction time); absent for files of schema 1
  std::vector<SourceInfo> sources;
  std::vector<std::string> notes;
  SourceRegion where;  // file and line it was loaded from
  size_t facts_asserted = 0;
  size_t facts_superseded = 0;
};

// Exactly what one order changed: rows it added to the record and rows whose record it closed.
struct OrderChanges {
  OrderInfo order;
  std::vector<FactInfo> asserted;
  std::vector<FactInfo> superseded;
};

// One net change between two valid dates for a (subject, predicate) as seen in the view: with
// a perspective, undisputed facts and that perspective's are compared together (perspective
// is then the view's); without one, each perspective is compared on its own.
struct Change {
  std::string subject;
  std::string predicate;
  std::string perspective;
  std::vector<FactInfo> before;  // facts valid at the first date
  std::vector<FactInfo> after;   // facts valid at the second date
};

// ---- Borrowed answers (Database::Read) ----
// The answers of a Reading borrow the record's strings, values and sources instead of copying
// them. Lifetime rule: every string_view, span and reference in them is valid while the Reading
// that gave the answer lives, and no longer (the record's tables move as writes grow them, and
// a Refresh may rebuild them). Own() gives an owning copy that outlives it.

// The sources of a borrowed fact, in the order cited: a range of the record's sources.
class SourceRefs {
 public:
  SourceRefs() = default;
  SourceRefs(std::span<const uint32_t> ids, const SourceDecl* table) : ids_(ids), table_(table) {}
  class iterator {
   public:
    using value_type = SourceDecl;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const uint32_t* id, const SourceDecl* table) : id_(id), table_(table) {}
    const SourceDecl& operator*() const { return table_[*id_]; }
    const SourceDecl* operator->() const { return &table_[*id_]; }
    iterator& operator++() {
      ++id_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++id_;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.id_ == b.id_; }

   private:
    const uint32_t* id_ = nullptr;
    const SourceDecl* table_ = nullptr;
  };
  iterator begin() const { return {ids_.data(), table_}; }
  iterator end() const { return {ids_.data() + ids_.size(), table_}; }
  size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }
  const SourceDecl& operator[](size_t i) const { return table_[ids_[i]]; }

 private:
  std::span<const uint32_t> ids_;
  const SourceDecl* table_ = nullptr;
};

// A FactInfo that borrows: the same fields with the same meaning (see FactInfo).
struct FactRef {
  uint64_t fact_id = 0;
  std::string_view subject;
  std::string_view predicate;
  bool is_attribute = false;
  std::string_view object;
  const Value* value = nullptr;  // attribute value; nullptr for relations
  FuzzyDate from;
  FuzzyDate to;
  Instant recorded_from;
  Instant recorded_to;
  Instant first_recorded;
  std::string_view recorded_by;
  std::string_view superseded_by;
  std::string_view perspective;
  std::span<const Qualifier> qualifiers;
  std::string_view order;
  std::string_view ended_by;
  bool correction = false;
  SourceRefs sources;
  bool own_sources = false;
  bool disputed = false;
  bool alternative = false;

  // An owning copy, equal to what the Database's own query returns for the row.
  FactInfo Own() const;
};

// A Change that borrows; before and after point into the answer's facts.
struct ChangeRef {
  std::string_view subject;
  std::string_view predicate;
  std::string_view perspective;
  std::span<const FactRef> before;
  std::span<const FactRef> after;

  Change Own() const;
};

// The answer of Reading::Diff: the changes, and the facts their spans point into (moving the
// answer keeps the spans valid).
struct DiffRef {
  std::vector<ChangeRef> changes;
  std::vector<FactRef> facts;
};

// A shared read of a Database: while it lives, the record does not change (writers and Refresh
// wait for it), and its answers borrow from the record (the lifetime rule above). Its questions
// are the Database's, with the same errors and orders of rows. Keep one briefly, as a query
// would: the server takes one per request. REQUIRES: the thread that holds a Reading neither
// writes through nor refreshes the Database it came from (that would wait for itself).
class Reading {
 public:
  virtual ~Reading() = default;
  virtual Result<std::vector<FactRef>> Objects(const std::string& subject, const std::string& predicate,
                                               const View& view) const = 0;
  virtual Result<std::vector<FactRef>> Snapshot(const std::string& predicate, const View& view) const = 0;
  virtual Result<DiffRef> Diff(Date d1, Date d2, const std::string& predicate, const View& view) const = 0;
};

struct ApplySummary {
  size_t orders = 0;
  size_t facts_asserted = 0;
  size_t facts_superseded = 0;
  size_t entities_created = 0;
  // What applied but deserves a look, each a Status of code kWarning with its location: an
  // entity created and ended on the same day (it exists never).
  std::vector<Status> warnings;
};

// One name or alias of an entity over its valid interval, as recorded (Database::Names).
struct NameInfo {
  std::string entity;
  std::string kind;
  std::string lang;  // BCP 47 tag; "" for an alias given without one
  std::string text;
  bool alias = false;
  FuzzyDate from;  // from.date == Date::Min() when unbounded
  FuzzyDate to;    // to.date == Date::Max() when open-ended
};

// A name match for search and for "did you mean" hints.
struct Match {
  std::string id;
  std::string kind;
  std::string name;  // the matched name or alias
  std::string lang;
  int distance = 0;  // edit distance; 0 for exact and prefix matches
};

// ---- Watch rules and alerts (docs/rules.md) ----

// A rule as recorded: the condition, the statement it cites and what it was recorded from.
struct RuleInfo {
  std::string id, title;
  std::string cites;        // the statement entity
  std::string quote;        // the statement's own words (its `quote` attribute)
  std::string perspective;  // "" = undisputed facts only
  std::string note;         // how the rule's terms differ from the words
  std::string condition;    // canonical text: "member-of(?s, nato), ..."
  std::string text;         // the whole rule, canonical (FormatRule)
  std::vector<SourceInfo> sources;
  Instant recorded;
  SourceRegion where;  // file and line it was loaded from
};

// One firing of a rule: on `date` the condition was met by `bindings`, and a row written by
// `order` was among the facts that met it. An alert says the stated condition is met; it
// never asserts the consequence the statement speaks of.
struct AlertInfo {
  uint64_t id = 0;       // stable within its branch, in firing order
  std::string scenario;  // "" = the record
  std::string rule;
  std::string rule_title;
  Date date;  // the earliest valid date the order makes the condition hold
  std::vector<std::pair<std::string, std::string>> bindings;  // variable (without '?') -> entity id
  std::vector<uint64_t> facts;                                // FactInfo::fact_id of the facts that met each atom
  std::string order;                                          // the order that triggered it
  Instant recorded;                                           // when the order was applied
  std::string cites;                                          // the cited statement
  std::string quote;                                          // its words, as recorded when the alert fired
  std::string note;                                           // the rule's note
};

// ---- Scenarios ----

struct ScenarioInfo {
  std::string name;
  Instant base_recorded;  // the record as known then is the scenario's start
  std::string note;
  Instant created;
  size_t batches = 0;  // hypothetical batches applied
};

// Where a scenario and the record differ for one (subject, predicate, perspective): the valid
// dates on which they differ, and the facts on each side there.
struct ScenarioDifference {
  std::string subject;
  std::string predicate;
  std::string perspective;
  std::vector<Interval> dates;     // merged, sorted: the valid intervals where they differ
  std::vector<FactInfo> record;    // the record's facts (as of now) over those dates
  std::vector<FactInfo> scenario;  // the scenario's facts over those dates
};

// The kinds, relations and attributes a record declares.
struct SchemaInfo {
  std::vector<KindDecl> kinds;
  std::vector<PerspectiveDecl> perspectives;  // in declaration order
  std::vector<RelationDecl> relations;        // in declaration order
  std::vector<AttributeDecl> attributes;
};

// A bitemporal record, or a scenario's branch of one. Open gives the record; Scenario gives a
// branch, which answers every query with the record's meaning and changes only through Apply
// with ApplyOptions::scenario on its record.
class Database {
 public:
  // Opens (or creates) the database file at path; ":memory:" gives a private in-memory
  // database. Rebuilds the in-memory indexes from the file.
  // Fails with kIo when the file cannot be opened or has an unknown schema version.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, const Options& options = {});
  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // ---- Writes ----

  // Applies a batch atomically to the record or to options.scenario: every declaration and
  // order, or nothing. Each failure is a Status with the location of the offending operation
  // and notes explaining the conflict (the existing fact, the order that asserted it and where
  // that order was loaded from). On failure neither memory nor the file changes.
  // The batch's rules are checked and recorded after its orders; then every rule is evaluated on
  // the batch's orders and each firing is recorded as an alert (docs/rules.md).
  // Fails with kInvalid on a read-only database (unless check_only), kNotFound for an unknown
  // scenario.
  virtual Result<ApplySummary> Apply(const Batch& batch, const ApplyOptions& options = {}) = 0;

  // ---- Scenarios: named branches of hypothetical orders (docs/cli.md, "Scenarios"). ----
  // The record never changes because of a scenario. Scenario definitions and their order
  // texts are stored in the same file; a scenario's state is rebuilt from them on first use.

  // Starts a scenario from the record as known at base_recorded (absent: now).
  // Fails with kConflict when the name is taken, kInvalid for a bad name (kebab-case) or a
  // read-only database.
  virtual Status CreateScenario(const std::string& name, std::optional<Instant> base_recorded,
                                const std::string& note) = 0;
  // Every scenario, by name.
  virtual std::vector<ScenarioInfo> Scenarios() const = 0;
  // Removes a scenario and its stored orders and alerts; the record is untouched.
  // Fails with kNotFound for an unknown scenario, kInvalid on a read-only database.
  virtual Status DeleteScenario(const std::string& name) = 0;
  // Where the scenario's facts (of predicate, or of every predicate when empty) differ from the
  // record's, over all valid time, both as known now, ordered by subject and predicate.
  virtual Result<std::vector<ScenarioDifference>> CompareScenario(const std::string& name,
                                                                  const std::string& predicate) const = 0;
  // The scenario's branch for every query (read-only: its Apply fails); "" gives nullptr. The handle stays valid
  // after DeleteScenario; it then no longer changes. Fails with kNotFound (and a "did you mean")
  // for an unknown name.
  virtual Result<std::shared_ptr<Database>> Scenario(const std::string& name) const = 0;

  // ---- Watch rules (docs/rules.md). Rules arrive in batches (Batch::rules). ----
  virtual std::vector<RuleInfo> Rules() const = 0;
  // This branch's alerts, in firing order (a scenario's: ask its Scenario handle). Does not fail
  // today; a Result so that callers need not change when alerts come to be read lazily.
  virtual Result<std::vector<AlertInfo>> Alerts() const = 0;

  // ---- Queries. Unknown ids fail with kNotFound and a "did you mean" note. ----

  // The objects (relations) or value (attributes) of subject through predicate at view.at.
  virtual Result<std::vector<FactInfo>> Objects(const std::string& subject, const std::string& predicate,
                                                const View& view) const = 0;
  // The facts whose object is `object` through relation at view.at, ordered by subject id.
  virtual Result<std::vector<FactInfo>> Members(const std::string& object, const std::string& relation,
                                                const View& view) const = 0;
  // Every fact of a predicate valid at view.at, ordered by subject id.
  virtual Result<std::vector<FactInfo>> Snapshot(const std::string& predicate, const View& view) const = 0;
  // Every fact about subject (or only through predicate when non-empty) over all valid time,
  // as known at view.recorded, ordered by predicate then valid start. view.at is ignored.
  virtual Result<std::vector<FactInfo>> History(const std::string& subject, const std::string& predicate,
                                                const View& view) const = 0;
  // Every fact of a predicate over all valid time, as known at view.recorded, ordered by subject
  // id then valid start. view.at is ignored. Fails with kLimit past Options::max_result_rows.
  virtual Result<std::vector<FactInfo>> Timeline(const std::string& predicate, const View& view) const = 0;
  // What differs between valid dates d1 and d2 (optionally for one predicate), ordered by
  // subject. Runs in time proportional to the facts starting or ending between the dates.
  virtual Result<std::vector<Change>> Diff(Date d1, Date d2, const std::string& predicate, const View& view) const = 0;
  // A shared read whose answers borrow from the record instead of copying (class Reading). The
  // questions above that a Reading also asks answer through the same code and then copy.
  virtual std::unique_ptr<Reading> Read() const = 0;
  // The chain up an acyclic, exclusive relation from subject at view.at: the first element is
  // subject's own fact, the last points at the root.
  virtual Result<std::vector<FactInfo>> PathUp(const std::string& subject, const std::string& relation,
                                               const View& view) const = 0;
  // The answer to a query (ParseQuery) at view.at, in the undisputed-plus-perspective view, as known
  // at view.recorded. Errors point into the query's text: kNotFound for an unknown predicate or
  // entity (with "did you mean"), kInvalid for a selected variable no atom binds or a variable only
  // in a negated atom, kLimit when it would take more than max_work steps (0:
  // Options::max_query_work) — the evaluation stops there, it does not run to the end.
  virtual Result<QueryAnswer> Query(const QueryDecl& query, const View& view, uint64_t max_work = 0) const = 0;
  // An entity at view.at with its names and facts.
  virtual Result<EntityInfo> Entity(const std::string& id, const View& view) const = 0;
  // The lineage of an entity both ways (docs/language.md, "Lineage"), as known at view.recorded.
  virtual Result<LineageInfo> Lineage(const std::string& id, const View& view) const = 0;
  // All entities' ids, optionally of one kind (including sub-kinds), sorted.
  virtual std::vector<std::string> EntityIds(const std::string& kind = "") const = 0;

  // Orders in the order they were applied.
  virtual std::vector<OrderInfo> Orders() const = 0;
  virtual Result<OrderChanges> Order(const std::string& id) const = 0;
  virtual Result<SourceInfo> Source(const std::string& id) const = 0;

  // Entities whose id, name or alias (any language) matches text: exact, then prefix
  // (case-insensitive), then by edit distance <= 2. At most `limit` results.
  virtual std::vector<Match> Search(const std::string& text, size_t limit = 10) const = 0;

  // Every name and alias of every entity over all valid time, as known at view.recorded (view.at
  // and view.perspective are ignored: names are undisputed), by entity id then valid start.
  // What `ordo read` builds its gazetteer from.
  virtual std::vector<NameInfo> Names(const View& view) const = 0;

  // The kinds, relations and attributes declared (built-in ones included).
  virtual SchemaInfo Schema() const = 0;

  // ---- Fast path: dense ids, no strings, no allocation. For benchmarks and servers. ----
  static constexpr uint32_t kNone = 0xffffffffu;
  virtual uint32_t EntityHandle(const std::string& id) const = 0;         // kNone when unknown
  virtual uint32_t PredicateHandle(const std::string& name) const = 0;    // kNone when unknown
  virtual uint32_t PerspectiveHandle(const std::string& name) const = 0;  // 0 for ""; kNone when unknown
  // REQUIRES: a valid handle. A copy, read under the lock: the table of keys grows with writes
  // and is rebuilt on a reload, so no reference into it is lent.
  virtual std::string EntityKey(uint32_t handle) const = 0;
  // The object of an exclusive relation at date in the undisputed-plus-perspective view
  // (perspective handle 0 = undisputed only), as of the latest record. kNone when none.
  // An unknown subject handle gives kNone. One lookup reads one short run of a flat array.
  virtual uint32_t ObjectAt(uint32_t subject, uint32_t predicate, Date at, uint32_t perspective = 0) const = 0;
  // ObjectAt as of an earlier record time: the record as it stood at `recorded` (what
  // View::recorded asks of the string API; rows recorded later are not seen, rows superseded
  // since are). kNone when none. It reads the subject's rows of the relation (docs/benchmarks.md).
  virtual uint32_t ObjectAsOf(uint32_t subject, uint32_t predicate, Date at, Instant recorded,
                              uint32_t perspective = 0) const = 0;
  // ObjectAt for many subjects under one lock (a whole map at a date): objects[i] answers
  // subjects[i]. Subjects given in handle order are read sequentially.
  virtual void ObjectsAt(std::span<const uint32_t> subjects, uint32_t predicate, Date at,
                         std::vector<uint32_t>* objects, uint32_t perspective = 0) const = 0;

  // Statistics for diagnostics and benchmarks.
  virtual size_t fact_count() const = 0;
  virtual size_t entity_count() const = 0;
  virtual size_t memory_bytes() const = 0;  // bytes held by the in-memory indexes
  // A number that changes (grows) after every change of what this handle answers: an applied
  // batch (record or scenario), a scenario created or deleted. Read it before a query: an answer
  // computed after reading generation G is current for as long as generation() == G. Caches
  // (the server's answers) key on it.
  virtual uint64_t generation() const = 0;
  // Reads what other processes have written to the file since this handle last read it (their
  // orders, rules, alerts and scenarios); generation() grows when anything changed. Cheap when
  // nothing did (one PRAGMA). Apply and the scenario writes do this first themselves, and a
  // write that another process overtakes is applied again to the file as it then is, so a
  // handle never writes from a stale record. A long-lived reader (a server) calls it before
  // each answer. Safe to call from any thread.
  virtual Status Refresh() = 0;

 protected:
  Database() = default;
};

}  // namespace ordo

#endif  // ORDO_DATABASE_H_
