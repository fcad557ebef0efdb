#include "server/cache.h"

#include <functional>

namespace ordo::server {

struct ResponseCache::Shard {
  struct Entry {
    std::string key;
    uint64_t generation;
    http::Response response;
    size_t bytes;
  };
  mutable Mutex mu;
  // Most recently used first.
  mutable std::list<Entry> lru GUARDED_BY(mu);
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index GUARDED_BY(mu);
  size_t bytes GUARDED_BY(mu) = 0;
  mutable uint64_t hits GUARDED_BY(mu) = 0;
  mutable uint64_t misses GUARDED_BY(mu) = 0;

  void Erase(std::list<Entry>::iterator it) REQUIRES(mu) {
    bytes -= it->bytes;
    index.erase(it->key);
    lru.erase(it);
  }
};

namespace {
size_t SizeOf(const std::string& key, const http::Response& r) {
  size_t n = key.size() + r.body.size() + r.content_type.size() + 128;
  for (const auto& [k, v] : r.headers) n += k.size() + v.size() + 64;
  return n;
}
}  // namespace

ResponseCache::ResponseCache(size_t capacity_bytes)
    : capacity_per_shard_(capacity_bytes / kShards), shards_(new Shard[kShards]) {}

ResponseCache::~ResponseCache() = default;

ResponseCache::Shard& ResponseCache::ShardFor(const std::string& key) const {
  return shards_[std::hash<std::string>{}(key) % kShards];
}

std::optional<http::Response> ResponseCache::Find(const std::string& key, uint64_t generation) const {
  if (capacity_per_shard_ == 0) return std::nullopt;
  Shard& s = ShardFor(key);
  MutexLock lock(&s.mu);
  auto it = s.index.find(key);
  if (it == s.index.end() || it->second->generation != generation) {
    ++s.misses;
    return std::nullopt;
  }
  ++s.hits;
  s.lru.splice(s.lru.begin(), s.lru, it->second);
  return it->second->response;
}

void ResponseCache::Put(const std::string& key, uint64_t generation, const http::Response& response) {
  const size_t size = SizeOf(key, response);
  if (capacity_per_shard_ == 0 || size > capacity_per_shard_ * kShards / 8 || size > capacity_per_shard_) return;
  Shard& s = ShardFor(key);
  MutexLock lock(&s.mu);
  if (auto it = s.index.find(key); it != s.index.end()) {
    if (it->second->generation > generation) return;  // a newer answer is kept
    s.Erase(it->second);
  }
  while (!s.lru.empty() && s.bytes + size > capacity_per_shard_) s.Erase(std::prev(s.lru.end()));
  s.lru.push_front(Shard::Entry{key, generation, response, size});
  s.index.emplace(s.lru.front().key, s.lru.begin());
  s.bytes += size;
}

size_t ResponseCache::bytes() const {
  size_t n = 0;
  for (size_t i = 0; i < kShards; ++i) {
    MutexLock lock(&shards_[i].mu);
    n += shards_[i].bytes;
  }
  return n;
}

size_t ResponseCache::entries() const {
  size_t n = 0;
  for (size_t i = 0; i < kShards; ++i) {
    MutexLock lock(&shards_[i].mu);
    n += shards_[i].lru.size();
  }
  return n;
}

uint64_t ResponseCache::hits() const {
  uint64_t n = 0;
  for (size_t i = 0; i < kShards; ++i) {
    MutexLock lock(&shards_[i].mu);
    n += shards_[i].hits;
  }
  return n;
}

uint64_t ResponseCache::misses() const {
  uint64_t n = 0;
  for (size_t i = 0; i < kShards; ++i) {
    MutexLock lock(&shards_[i].mu);
    n += shards_[i].misses;
  }
  return n;
}

}  // namespace ordo::server
