// Answers of read routes kept for as long as the record they were computed from: a read-only
// answer is a function of its request target, the database's generation and, for routes whose
// `at` defaults to today, today's date. An entry is served only while the database's generation
// is the one read before the answer was computed (Database::generation()), so a write makes every
// older entry unreachable at once; they are dropped as the cache fills.
#ifndef ORDO_SERVER_CACHE_H_
#define ORDO_SERVER_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/mutex.h"
#include "http/message.h"

namespace ordo::server {

class ResponseCache {
 public:
  // capacity_bytes bounds the bodies and keys held; an answer larger than an eighth of it is not
  // kept. 0 disables the cache.
  explicit ResponseCache(size_t capacity_bytes);
  ~ResponseCache();
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  // The answer kept for key at this generation, if any.
  std::optional<http::Response> Find(const std::string& key, uint64_t generation) const;
  // Keeps an answer computed after reading `generation`.
  void Put(const std::string& key, uint64_t generation, const http::Response& response);

  size_t bytes() const;
  size_t entries() const;
  uint64_t hits() const;
  uint64_t misses() const;

 private:
  struct Shard;
  static constexpr size_t kShards = 16;
  Shard& ShardFor(const std::string& key) const;

  size_t capacity_per_shard_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace ordo::server

#endif  // ORDO_SERVER_CACHE_H_
