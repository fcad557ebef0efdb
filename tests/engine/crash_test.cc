// Kills a process that is applying orders with SIGKILL at random moments, 200 times (or
// ORDO_CRASH_KILLS times: `ORDO_CRASH_KILLS=1000 ctest -R CrashTest`); after each kill,
// reopening shows every order whose commit was acknowledged and no trace of a partial one.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include "engine/crash_orders.h"
#include "ordo/database.h"

namespace ordo {
namespace {

// Runs the child until killed after delay_us; returns the highest acknowledged order or -1.
int RunAndKill(const std::string& db, int delay_us) {
  int pipefd[2];
  if (pipe(pipefd) != 0) return -2;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pipefd[1], 1);
    close(pipefd[0]);
    close(pipefd[1]);
    execl(ORDO_CRASH_CHILD, ORDO_CRASH_CHILD, db.c_str(), "1000000", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipefd[1]);
  std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(pipefd[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  close(pipefd[0]);
  int last = -1;
  size_t pos = 0;
  while ((pos = out.find("ack ", pos)) != std::string::npos) {
    size_t end = out.find('\n', pos);
    if (end == std::string::npos) break;  // a torn line: not an acknowledgement
    last = std::stoi(out.substr(pos + 4, end - pos - 4));
    pos = end;
  }
  return last;
}

// The number of kills: ORDO_CRASH_KILLS if it is a positive number, else 200.
int KillCount() {
  const char* env = std::getenv("ORDO_CRASH_KILLS");
  if (env == nullptr) return 200;
  const int n = std::atoi(env);
  return n > 0 ? n : 200;
}

TEST(CrashTest, EveryAcknowledgedOrderSurvivesSigkill) {
  const std::string dir = testing::TempDir() + "/ordo_crash_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = dir + "/crash.db";
  std::mt19937 rng(20240226);
  int acknowledged = -1;  // highest acknowledged order so far
  int kills_mid_run = 0;
  const int kills = KillCount();
  for (int round = 0; round < kills; ++round) {
    const int delay = 5000 + static_cast<int>(rng() % 150000);
    const int acked = RunAndKill(db, delay);
    acknowledged = std::max(acknowledged, acked);

    auto d = Database::Open(db);
    ASSERT_TRUE(d.ok()) << "round " << round << ": " << d.status().ToString();
    const auto orders = (*d)->Orders();
    // "districts" plus o0..oK: every acknowledged order is there; at most one more, whose
    // commit finished before its acknowledgement was written.
    const int applied = std::max(0, static_cast<int>(orders.size()) - 1);
    ASSERT_GE(applied, acknowledged + 1) << "round " << round << ": an acknowledged order was lost";
    ASSERT_LE(applied, acknowledged + 2) << "round " << round;
    if (applied == acknowledged + 2) ++kills_mid_run;
    acknowledged = applied - 1;
    // No trace of a partial order: each order's rows are all there, and the record is what
    // the orders say.
    for (int i = 0; i < applied; ++i) {
      const OrderInfo& o = orders[static_cast<size_t>(i) + 1];
      ASSERT_EQ(o.id, "o" + std::to_string(i));
      // exists + name + in, plus for i > 0 the moved fact's remnant and its new fact.
      ASSERT_EQ(o.facts_asserted, i == 0 ? 3u : 5u) << "order " << o.id;
      ASSERT_EQ(o.facts_superseded, i == 0 ? 0u : 1u) << "order " << o.id;
    }
    if (applied > 0) {
      const int last = applied - 1;
      View v;
      v.at = crash::DayOf(last + 1);
      auto obj = (*d)->Objects("t" + std::to_string(last), "in", v);
      ASSERT_TRUE(obj.ok());
      ASSERT_EQ(obj->size(), 1u);
      EXPECT_EQ((*obj)[0].object, "d" + std::to_string(last % crash::kDistricts));
    }
    const size_t expected_facts =
        orders.empty() ? 0 : static_cast<size_t>(applied == 0 ? 0 : 5 * applied - 2) + crash::kDistricts;
    ASSERT_EQ((*d)->fact_count(), expected_facts) << "round " << round;
  }
  EXPECT_GT(acknowledged, 50) << "the child made too little progress to test anything";
  RecordProperty("orders", acknowledged + 1);
  RecordProperty("kills_between_commit_and_ack", kills_mid_run);
  std::printf(
      "%d kills, %d orders acknowledged and all present, %d kills between commit and "
      "acknowledgement, 0 partial orders\n",
      kills, acknowledged + 1, kills_mid_run);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ordo
