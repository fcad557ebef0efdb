// The in-memory record: dense ids, flat fact rows, per-entity sorted indexes.
// Everything here is rebuilt from the SQLite file on open.
#ifndef ORDO_ENGINE_STATE_H_
#define ORDO_ENGINE_STATE_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/key_index.h"
#include "ordo/database.h"
#include "ordo/order.h"

namespace ordo::engine {

inline constexpr uint32_t kNone = Database::kNone;
// Facts hold their perspective in 16 bits; 0 is "undisputed", so 65,535 perspectives at most.
inline constexpr uint32_t kMaxPerspective = 0xffff;

// Memory for the large arrays: blocks of 2 MiB or more are 2 MiB-aligned and transparent huge
// pages are asked for before their first touch, so that a random lookup costs a cache miss but
// rarely a TLB miss too (docs/benchmarks.md, "What bounds a lookup").
void* AllocateLarge(size_t bytes);
void FreeLarge(void* p, size_t bytes);
template <typename T>
struct LargeAllocator {
  using value_type = T;
  LargeAllocator() = default;
  template <typename U>
  LargeAllocator(const LargeAllocator<U>&) {}  // NOLINT: converting, as allocators are
  T* allocate(size_t n) { return static_cast<T*>(AllocateLarge(n * sizeof(T))); }
  void deallocate(T* p, size_t n) { FreeLarge(p, n * sizeof(T)); }
  friend bool operator==(const LargeAllocator&, const LargeAllocator&) { return true; }
};
template <typename T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

// One row of the record: a fact over a valid interval, visible over a record interval.
// The record interval is [recorded of known_from, recorded of known_to): the record times of two
// orders (docs/storage.md, "Record time"). 48 bytes; see docs/benchmarks.md for the memory budget.
struct Fact {
  uint32_t subject;
  uint32_t pred;
  uint32_t object;  // entity id (relations) or value id (attributes)
  int32_t from;     // valid interval [from, to) in days
  int32_t to;
  uint32_t order;          // the order that asserted the fact
  uint32_t row_order;      // the order that wrote this row
  uint32_t retract_order;  // the order that last retracted or cut the row; kNone while current
  uint32_t known_from;     // the order whose record time starts the row's record interval
  uint32_t known_to;       // the order whose record time ends it; kNone while current
  uint32_t annot;          // qualifiers and own sources: State::annots; 0 = none
  uint16_t persp;          // 0 = undisputed
  uint8_t from_flags;      // FuzzyDate::PackFlags() of from (bits 0-5); bit 7 = correction
  uint8_t to_flags;        // FuzzyDate::PackFlags() of to (bits 0-5)
  bool live() const { return known_to == kNone; }
  Interval interval() const { return Interval{Date{from}, Date{to}}; }
};
static_assert(sizeof(Fact) == 48);

// A fact's qualifiers and the sources it cites itself, interned together: ids into
// State::qual_sets and State::source_sets (0 = none; no own sources: the order's apply).
struct Annotation {
  uint32_t quals = 0;
  uint32_t sources = 0;
  friend bool operator==(const Annotation&, const Annotation&) = default;
};
inline constexpr uint8_t kCorrectionBit = 0x80;

// A live fact as the fast path sees it: what ObjectAt needs, inline, so that a lookup reads one
// short run of a flat array and no fact row (docs/benchmarks.md, "What bounds a lookup").
struct Slot {
  uint16_t pred;
  uint16_t persp;
  int32_t from;
  int32_t to;
  uint32_t object;
};
static_assert(sizeof(Slot) == 16);
// In slot_begin: the entity changed after the slots were built; read by_subject instead.
inline constexpr uint32_t kStaleSlots = 0x80000000u;

struct KindMeta {
  std::string name;
  uint32_t parent = kNone;
  std::string note;
};

struct PredMeta {
  std::string name;
  bool is_attribute = false;
  ValueType type = ValueType::kString;
  bool exclusive = false;
  bool acyclic = false;
  std::vector<uint32_t> subject_kinds;  // empty: any
  std::vector<uint32_t> object_kinds;
  std::string note;
  // Disagreements: the built-in predicate that holds the alternatives of this one ("alternative:"
  // + name), and, on such a predicate, the one it holds alternatives of. kNone: none.
  uint32_t alternatives = kNone;
  uint32_t alternative_of = kNone;
  bool lineage = false;  // one of the built-in lineage relations (LineageTypes())
};

struct EntityMeta {
  std::string key;
  uint32_t kind;
};

// An applied order's header.
struct OrderMeta {
  std::string key, title, issuer, perspective;
  std::optional<FuzzyDate> signed_on;
  FuzzyDate effective;
  Instant recorded;               // when its content became known: its record time
  std::optional<Instant> stored;  // when ordo stored it (absent for files of schema 1)
  std::vector<uint32_t> sources;  // source ids
  std::vector<std::string> notes;
  SourceRegion where;  // where it was loaded from
};

// Built-in predicates, created on first open.
inline constexpr const char* kExists = "exists";  // boolean; the entity's lifetime
inline constexpr const char* kAlias = "alias";    // string, many at a time
inline constexpr const char* kNamePrefix = "name@";
inline constexpr const char* kUncovered = "uncovered";             // string, many: a relation not covered
inline constexpr const char* kAlternativePrefix = "alternative:";  // the alternatives of a predicate
// Whether a name is one of the built-in predicates (which no declaration may take).
bool IsBuiltInPredicate(const std::string& name);

// Sizes of every table at a moment; Rollback returns the state to them.
struct Checkpoint {
  size_t kinds, preds, persps, entities, sources, orders, values, quals, source_sets, annots, facts, events_tail;
  Instant last_stored, max_known;
  // Rows retracted or cut since the checkpoint, with what they held before (in order).
  struct Cut {
    uint32_t row, retract_order, known_to;
  };
  std::vector<Cut> retracted;
};

class State {
 public:
  Checkpoint Mark() const;
  void Rollback(const Checkpoint& c);

  // ---- catalog ----
  struct EntityKeyOf {
    const State* s;
    std::string_view operator()(uint32_t id) const { return s->entities[id].key; }
  };
  std::vector<KindMeta> kinds;
  std::unordered_map<std::string, uint32_t> kind_ids;
  std::vector<PredMeta> preds;
  std::unordered_map<std::string, uint32_t> pred_ids;
  std::vector<std::string> persps{""};       // 0 = undisputed
  std::vector<std::string> persp_notes{""};  // their declarations' notes
  std::unordered_map<std::string, uint32_t> persp_ids{{"", 0}};
  std::vector<EntityMeta> entities;
  KeyIndex entity_index;  // entities' keys to their ids: use FindEntity and IndexEntity
  // The id of the entity keyed key, or kNone. IndexEntity: entities[id] is new to the index.
  uint32_t FindEntity(std::string_view key) const { return entity_index.Find(key, EntityKeyOf{this}); }
  void IndexEntity(uint32_t id) { entity_index.Insert(id, EntityKeyOf{this}); }
  std::vector<SourceDecl> sources;
  std::unordered_map<std::string, uint32_t> source_ids;
  std::vector<OrderMeta> orders;
  std::unordered_map<std::string, uint32_t> order_ids;

  // ---- values and qualifier sets, interned ----
  std::vector<Value> values;
  std::unordered_map<std::string, uint32_t> value_ids;
  std::vector<std::vector<Qualifier>> qual_sets{{}};  // 0 = none
  std::unordered_map<std::string, uint32_t> qual_ids;
  std::vector<std::vector<uint32_t>> source_sets{{}};  // source ids, in the order cited; 0 = none
  std::map<std::vector<uint32_t>, uint32_t> source_set_ids;
  std::vector<Annotation> annots{{}};                // 0 = no qualifier, no own source
  std::unordered_map<uint64_t, uint32_t> annot_ids;  // quals << 32 | sources

  // ---- facts and indexes ----
  LargeVector<Fact> facts;
  // Per entity: its facts as subject, sorted by (pred, persp, from, id).
  std::vector<std::vector<uint32_t>> by_subject;
  // Per entity: relation facts pointing at it, sorted by (pred, subject, from, id).
  std::vector<std::vector<uint32_t>> by_object;
  // Per predicate: all its facts in id order.
  std::vector<std::vector<uint32_t>> by_pred;
  // Diff events: one per finite bound of every row, as Event(id, bound), sorted by EventDate.
  // New events wait unsorted in events_tail until a diff merges them (SortEvents). A derived
  // index: merging it changes no answer, so a query may do it (under the exclusive lock).
  mutable LargeVector<uint32_t> events;
  mutable std::vector<uint32_t> events_tail;
  // Entities in key order, a derived index as the events are: by_key lists the entities
  // [0, by_key.size()) sorted by key, and key_rank[e] is e's place in it, so that answers ordered
  // by subject key sort on integers and read no key. Entities created since wait until a query
  // that orders by key merges them (RankKeys, under the exclusive lock); until then such a query
  // compares keys.
  mutable std::vector<uint32_t> by_key;
  mutable std::vector<uint32_t> key_rank;
  bool KeysRanked() const { return by_key.size() == entities.size(); }
  void RankKeys() const;

  // The fast path's index: entity e's live facts as subject are slots[slot_begin[e],
  // slot_begin[e + 1]) in by_subject's order. Built whole by BuildSlots; entities changed since
  // carry kStaleSlots, and entities created since lie past the end: both are answered from
  // by_subject. Not part of a Checkpoint: a rollback leaves marks, which costs speed, not truth.
  LargeVector<uint32_t> slot_begin;
  LargeVector<Slot> slots;
  // For an entity with slots: the earliest record time of its rows as subject, and the latest at
  // which one of them was recorded or superseded (micros; built with the slots, valid while the
  // entity is not stale). As of a record time from the latest on, the record holds what it holds
  // now (its live rows: the slots); before the earliest, nothing. Only in between does an as-of
  // lookup read the rows (ObjectAsOf).
  struct RowTimes {
    int64_t first_known, last_change;
  };
  LargeVector<RowTimes> row_times;
  size_t stale_entities = 0;

  // The latest instant an order was stored at: the next one is stored later (transaction time
  // only moves forward).
  Instant last_stored;
  // The latest record time of any order: an order recorded before it is back-dated.
  Instant max_known;

  uint32_t exists_pred = kNone;
  uint32_t alias_pred = kNone;
  uint32_t uncovered_pred = kNone;
  // Finds the built-in predicates by name and links each "alternative:" predicate to its own
  // (after open and after a rollback).
  void LinkBuiltIns();

  // ---- helpers ----
  uint32_t InternValue(const Value& v);
  uint32_t InternQuals(const std::vector<Qualifier>& q);         // a qual_sets id
  uint32_t InternSources(const std::vector<uint32_t>& sources);  // a source_sets id
  uint32_t InternAnnot(uint32_t quals, uint32_t sources);        // an annots id
  const std::vector<Qualifier>& Quals(const Fact& f) const { return qual_sets[annots[f.annot].quals]; }
  const std::vector<uint32_t>& OwnSources(const Fact& f) const { return source_sets[annots[f.annot].sources]; }
  uint32_t AddFact(const Fact& f);                 // appends and indexes
  bool SubjectLess(uint32_t a, uint32_t b) const;  // by_subject's order: (pred, persp, from, id)
  bool ObjectLess(uint32_t a, uint32_t b) const;   // by_object's order: (pred, subject, from, id)
  // subject's facts through pred, in by_subject's order; found by binary search, so that a check
  // of one fact does not read every other fact of a subject that has many.
  std::span<const uint32_t> SubjectFacts(uint32_t subject, uint32_t pred) const;
  // The relation facts of pred from subject to object, in by_object's order (binary search).
  std::span<const uint32_t> ObjectFacts(uint32_t object, uint32_t pred, uint32_t subject) const;
  bool KindIsA(uint32_t kind, uint32_t ancestor) const;
  bool KindAccepted(uint32_t kind, const std::vector<uint32_t>& accepted) const;
  // The record time an order's content became known.
  Instant Known(uint32_t order) const { return orders[order].recorded; }
  // Whether a row is part of the record as known at `recorded` (nullptr: now).
  bool VisibleAt(const Fact& f, const Instant* recorded) const {
    if (recorded == nullptr) return f.live();
    if (Known(f.known_from) > *recorded) return false;
    return f.live() || Known(f.known_to) > *recorded;
  }
  // Whether a row is part of the record as known at some time at or after `k`: what an order
  // recorded at k rewrites.
  bool VisibleFrom(const Fact& f, Instant k) const {
    return f.live() || (Known(f.known_to) > k && Known(f.known_to) > Known(f.known_from));
  }
  // Whether a fact of perspective p is seen in view v (v == kNone: every perspective).
  static bool PerspVisible(uint16_t p, uint32_t v) { return v == kNone || p == 0 || p == v; }
  // Two facts' perspectives can conflict: both are seen in some view.
  static bool PerspClash(uint16_t a, uint16_t b) { return a == 0 || b == 0 || a == b; }
  static uint32_t Event(uint32_t fact, bool to_bound) { return fact << 1 | (to_bound ? 1u : 0u); }
  int32_t EventDate(uint32_t event) const {
    const Fact& f = facts[event >> 1];
    return (event & 1) ? f.to : f.from;
  }
  void SortEvents() const;
  // Builds by_subject, by_object, by_pred and the events from the facts array alone, in a pass
  // or two each (opening a file fills the array directly, then calls this).
  void IndexAll();
  // The object of subject's pred live at day, seen in perspective persp (0: undisputed only).
  // kNone when none.
  uint32_t ObjectAt(uint32_t subject, uint32_t pred, int32_t day, uint32_t persp) const;
  // ObjectAt in the record as known at `recorded`: the subject's rows of pred, live or not, in
  // by_subject's order (the slots hold live rows only).
  uint32_t ObjectAsOf(uint32_t subject, uint32_t pred, int32_t day, Instant recorded, uint32_t persp) const;
  // Rows of one subject and predicate (SubjectFacts) are sorted by perspective, then valid start.
  // PerspRun: the leading rows of rows' first perspective (rows not empty). RunRowAt: in such a
  // run of an exclusive relation, the row seen at the record time that holds day, or kNone.
  std::span<const uint32_t> PerspRun(std::span<const uint32_t> rows) const;
  uint32_t RunRowAt(std::span<const uint32_t> run, int32_t day, const Instant* recorded) const;
  // Both through by_subject: the first row of pred valid at day, seen in persp, in the record
  // as known at *recorded (nullptr: now).
  uint32_t RowsObjectAt(uint32_t subject, uint32_t pred, int32_t day, uint32_t persp, const Instant* recorded) const;
  void MarkStale(uint32_t entity) {
    if (entity + 1 < slot_begin.size() && (slot_begin[entity] & kStaleSlots) == 0) {
      slot_begin[entity] |= kStaleSlots;
      ++stale_entities;
    }
  }
  void BuildSlots();
  // Rebuilds the slots once a sixteenth of the entities are stale or new: a rebuild reads every
  // fact, so its cost per changed entity stays about 16 times the facts an entity has on average.
  void RefreshSlots() {
    const size_t built = slot_begin.empty() ? 0 : slot_begin.size() - 1;
    const size_t pending = stale_entities + (entities.size() - std::min(built, entities.size()));
    if (pending > 0 && pending * 16 >= entities.size()) BuildSlots();
  }
  // Returns the spare capacity that a bulk load leaves in the big arrays (after open).
  void ReleaseSlack();
  size_t MemoryBytes() const;
};

}  // namespace ordo::engine

#endif  // ORDO_ENGINE_STATE_H_
