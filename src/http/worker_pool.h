// A fixed set of threads that run jobs from one bounded queue: the transport's lanes.
#ifndef ORDO_HTTP_WORKER_POOL_H_
#define ORDO_HTTP_WORKER_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ordo::http {

class WorkerPool {
 public:
  // Starts `threads` threads. At most `threads` jobs run and `max_queued` more wait at any time.
  // REQUIRES: threads >= 1.
  WorkerPool(int threads, size_t max_queued);
  ~WorkerPool();  // Stop()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`; false (and `job` is dropped unrun) when the pool is full or stopped. Thread-safe.
  bool TrySubmit(std::function<void()> job);

  // Drops the jobs still waiting, lets the running ones finish and joins the threads. Idempotent.
  // REQUIRES: not called from one of the pool's own jobs, nor from two threads at once.
  void Stop();

  // Jobs waiting for a thread.
  size_t queued() const;

 private:
  void Run();

  const size_t capacity_;  // threads + max_queued
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ordo::http

#endif  // ORDO_HTTP_WORKER_POOL_H_
