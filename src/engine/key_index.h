// A hash index from the keys of a table to their dense ids that holds no keys: each slot is an id
// and 32 bits of its key's hash, and a probe that meets a matching hash compares the key in the
// table. The entity ids, the busiest lookup of the string API, go through one: an
// std::unordered_map<std::string, uint32_t> kept a second copy of every key in a node of its own
// (about 72 bytes an entity, and two dependent reads before the key is compared). A library map
// (Boost.Unordered's flat maps are newer than Debian 12's Boost 1.74; Abseil's need a stateful
// hasher pointing into the table, which a copied State would leave pointing at the original)
// would keep the keys again or dangle, hence this one, tested against std::unordered_map in
// tests/engine/key_index_test.cc.
//
// Open addressing with linear probing over a power-of-two array at most half full; erasing shifts
// the following entries back, so there are no tombstones. key_of(id) returns the key of id as a
// std::string_view; an id must be in the table before it is inserted.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace ordo::engine {

class KeyIndex {
 public:
  static constexpr uint32_t kAbsent = 0xffffffffu;

  size_t size() const { return size_; }
  size_t memory_bytes() const { return slots_.capacity() * sizeof(uint64_t); }

  // Room for n keys without growing.
  void Reserve(size_t n) {
    if (n * 2 > slots_.size()) Rehash(std::bit_ceil(n * 2));
  }

  template <typename KeyOf>
  uint32_t Find(std::string_view key, const KeyOf& key_of) const {
    if (size_ == 0) return kAbsent;
    const uint32_t h = Hash(key);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return kAbsent;
      const uint32_t id = static_cast<uint32_t>(slot) - 1;
      if (static_cast<uint32_t>(slot >> 32) == h && key_of(id) == key) return id;
    }
  }

  // id's key must not be in the index yet.
  template <typename KeyOf>
  void Insert(uint32_t id, const KeyOf& key_of) {
    if ((size_ + 1) * 2 > slots_.size()) Rehash(slots_.empty() ? 16 : slots_.size() * 2);
    Place(uint64_t{Hash(key_of(id))} << 32 | (uint64_t{id} + 1));
    ++size_;
  }

  // Removes key if it is indexed; true if it was.
  template <typename KeyOf>
  bool Erase(std::string_view key, const KeyOf& key_of) {
    if (size_ == 0) return false;
    const uint32_t h = Hash(key);
    size_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return false;
      if (static_cast<uint32_t>(slot >> 32) == h && key_of(static_cast<uint32_t>(slot) - 1) == key) break;
    }
    // Shift back each following entry of the cluster whose home is not in (i, j].
    for (size_t j = (i + 1) & mask_; slots_[j] != 0; j = (j + 1) & mask_) {
      const size_t home = static_cast<uint32_t>(slots_[j] >> 32) & mask_;
      const bool in_between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (!in_between) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = 0;
    --size_;
    return true;
  }

  void Clear() {
    slots_.clear();
    slots_.shrink_to_fit();
    mask_ = 0;
    size_ = 0;
  }

 private:
  static uint32_t Hash(std::string_view key) {
    const uint64_t h = std::hash<std::string_view>{}(key);
    return static_cast<uint32_t>(h ^ (h >> 32));
  }
  void Place(uint64_t entry) {
    size_t i = static_cast<uint32_t>(entry >> 32) & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = entry;
  }
  void Rehash(size_t capacity) {
    std::vector<uint64_t> old(capacity, 0);
    old.swap(slots_);
    mask_ = capacity - 1;
    for (uint64_t entry : old) {
      if (entry != 0) Place(entry);
    }
  }

  std::vector<uint64_t> slots_;  // hash << 32 | (id + 1); 0: empty
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace ordo::engine
