// A database in a directory the user cannot write (a shared, read-only archive): it is read as
// it is. Regression: it was reported as "not an ordo database", and a read-only `ordo serve`
// refused it, since SQLite could not create the -shm file of WAL mode beside it.
//
// Run as root, permissions do not bind, so the check runs in a child process that takes the
// user and group "nobody" (65534) first.
#include <grp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ordo/database.h"
#include "ordo/lang.h"

namespace ordo {
namespace {

namespace fs = std::filesystem;

constexpr const char* kText = R"(
kind territory
kind district
relation in : territory -> district  exclusive
source s { title "A source" }
order base "Base" effective 2010-01-01 recorded 2010-01-01 sources s {
  create a : territory
  create north : district
  assign a in -> north
}
)";

class ReadOnlyDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Under /tmp, which "nobody" may enter (the build tree may sit below a private directory).
    root_ = fs::path("/tmp") / ("ordo-rodir-" + std::to_string(getpid()) + "-" +
                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "archive");
    path_ = (root_ / "archive" / "t.db").string();
    {
      auto db = Database::Open(path_);
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      ParseResult p = ParseOrders(kText, "t.ordo");
      ASSERT_TRUE(p.ok());
      ASSERT_TRUE((*db)->Apply(p.batch).ok());
    }  // closed: the -wal and -shm files are gone
    ASSERT_FALSE(fs::exists(path_ + "-wal"));
    ASSERT_FALSE(fs::exists(path_ + "-shm"));
    fs::permissions(root_, fs::perms(0755));
    fs::permissions(path_, fs::perms(0644));
    fs::permissions(root_ / "archive", fs::perms(0555));
  }
  void TearDown() override {
    fs::permissions(root_ / "archive", fs::perms(0755));
    fs::remove_all(root_);
  }

  // Runs body in a child process as a user who cannot write the archive; its text.
  static std::string AsAnotherUser(std::string (*body)(const std::string&), const std::string& path) {
    int fds[2];
    EXPECT_EQ(pipe(fds), 0);
    const pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      std::string out;
      if (geteuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0)) {
        out = "cannot drop privileges";
      } else {
        out = body(path);
      }
      (void)!write(fds[1], out.data(), out.size());
      _exit(0);
    }
    close(fds[1]);
    std::string out;
    char buf[512];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return out;
  }

  static std::string ReadDistrict(const std::string& path) {
    Options options;
    options.read_only = true;
    options.create_if_missing = false;
    auto db = Database::Open(path, options);
    if (!db.ok()) return db.status().ToString();
    View view;
    view.at = Date::FromCivil(2011, 1, 1);
    auto facts = (*db)->Objects("a", "in", view);
    if (!facts.ok()) return facts.status().ToString();
    if (Status st = (*db)->Refresh(); !st.ok()) return st.ToString();
    return facts->empty() ? "none" : facts->front().object;
  }
  static std::string Write(const std::string& path) {
    auto db = Database::Open(path);
    return db.ok() ? "opened for writing" : db.status().ToString();
  }

  fs::path root_;
  std::string path_;
};

TEST_F(ReadOnlyDirTest, ItIsReadAsItIs) {
  EXPECT_EQ(AsAnotherUser(&ReadDistrict, path_), "north");
  EXPECT_FALSE(fs::exists(path_ + "-shm"));
}

TEST_F(ReadOnlyDirTest, OpeningItForWritingSaysWhy) {
  EXPECT_EQ(AsAnotherUser(&Write, path_), "error: cannot write '" + path_ +
                                              "': the file or its directory is not writable\n"
                                              "note: to read it, open it read-only (ordo serve without a write "
                                              "token reads it as it is)");
}

TEST_F(ReadOnlyDirTest, AWriteAheadLogBesideItCannotBeRead) {
  fs::permissions(root_ / "archive", fs::perms(0755));
  std::ofstream(path_ + "-wal").put('\0');
  fs::permissions(root_ / "archive", fs::perms(0555));
  EXPECT_EQ(AsAnotherUser(&ReadDistrict, path_),
            "error: cannot read '" + path_ + "': its directory is not writable and a write-ahead log '" + path_ +
                "-wal' is beside it; ask its owner to open it once, or copy the database with its -wal file to a "
                "writable directory");
}

}  // namespace
}  // namespace ordo
