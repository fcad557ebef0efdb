#include "http/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace ordo::http {
namespace {

// A gate that jobs wait at until the test opens it.
class Gate {
 public:
  void Wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return open_; });
  }
  void Open() {
    {
      std::lock_guard lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

TEST(WorkerPoolTest, RunsJobsOnItsThreads) {
  WorkerPool pool(3, 100);
  std::atomic<int> done{0};
  const auto caller = std::this_thread::get_id();
  std::atomic<bool> on_caller{false};
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(pool.TrySubmit([&] {
      if (std::this_thread::get_id() == caller) on_caller = true;
      ++done;
    }));
  }
  while (done < 50) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_FALSE(on_caller);
}

TEST(WorkerPoolTest, RefusesBeyondThreadsPlusQueue) {
  WorkerPool pool(2, 3);
  Gate gate;
  std::atomic<int> started{0};
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(pool.TrySubmit([&] {
      ++started;
      gate.Wait();
    })) << i;
  }
  EXPECT_FALSE(pool.TrySubmit([] {}));  // 2 running + 3 waiting
  while (started < 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(pool.queued(), 3u);
  gate.Open();
  pool.Stop();
}

TEST(WorkerPoolTest, StopDropsWaitingJobsAndJoinsRunningOnes) {
  auto pool = std::make_unique<WorkerPool>(1, 10);
  Gate gate;
  std::atomic<bool> running{false};
  std::atomic<bool> finished{false};
  std::atomic<int> later{0};
  ASSERT_TRUE(pool->TrySubmit([&] {
    running = true;
    gate.Wait();
    finished = true;
  }));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(pool->TrySubmit([&] { ++later; }));
  while (!running) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread opener([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    gate.Open();
  });
  pool->Stop();
  EXPECT_TRUE(finished);  // Stop waited for the running job
  EXPECT_EQ(later, 0);    // and dropped the waiting ones
  EXPECT_FALSE(pool->TrySubmit([] {}));
  pool->Stop();  // idempotent
  opener.join();
}

}  // namespace
}  // namespace ordo::http
