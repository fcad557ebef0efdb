// The side-by-side harness: loads one generated History into ordo and into each peer database
// and asks all of them the same questions, checking that their answers agree.
//
//   compare_bench --territories 100000 --versions 10 --peers ordo,sqlite,postgres,mariadb
//       --pg "host=127.0.0.1 port=54329 user=postgres dbname=postgres" --mariadb-socket /tmp/x/my.sock
//
// Prints a markdown table (figures and ratios) and appends "label\tsystem\tmetric\tvalue" lines
// to --tsv. scripts/bench.sh starts the servers and runs it; docs/benchmarks.md shows results.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>

#include "ordo_peer.h"
#include "peer.h"

namespace ordo::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

struct Args {
  HistoryConfig config;
  std::vector<std::string> peers{"ordo", "sqlite"};
  std::string pg = "host=127.0.0.1 port=54329 user=postgres dbname=postgres";
  std::string mariadb_socket;
  std::string scratch = "/tmp/ordo-bench";
  std::string explain_dir;
  std::string tsv;
  std::string label;
  size_t lookups = 1'000'000;    // ordo fast-path lookups
  size_t peer_lookups = 20'000;  // lookups per peer (and ordo's string API)
  size_t paths = 20'000;
  size_t peer_paths = 2'000;
  size_t ingest = 1'000'000;       // rows of the bulk ingest (ordo, SQLite)
  size_t peer_ingest = 1'000'000;  // rows of the bulk ingest (PostgreSQL, MariaDB)
  std::vector<size_t> tx_sizes{1, 10, 100, 1000};
  size_t tx_facts = 2'000;  // facts per transaction size (at least 20 transactions)
  bool ingest_enabled = true;
  bool reopen = true;
};

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string x; std::getline(in, x, ',');) {
    if (!x.empty()) out.push_back(x);
  }
  return out;
}

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto val = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value for " + k);
      return argv[++i];
    };
    auto num = [&]() { return static_cast<size_t>(std::stod(val())); };
    if (k == "--territories")
      a.config.territories = static_cast<uint32_t>(num());
    else if (k == "--versions")
      a.config.versions = static_cast<uint32_t>(num());
    else if (k == "--districts")
      a.config.districts = static_cast<uint32_t>(num());
    else if (k == "--units")
      a.config.units = static_cast<uint32_t>(num());
    else if (k == "--peers")
      a.peers = Split(val());
    else if (k == "--pg")
      a.pg = val();
    else if (k == "--mariadb-socket")
      a.mariadb_socket = val();
    else if (k == "--scratch")
      a.scratch = val();
    else if (k == "--explain-dir")
      a.explain_dir = val();
    else if (k == "--tsv")
      a.tsv = val();
    else if (k == "--label")
      a.label = val();
    else if (k == "--lookups")
      a.lookups = num();
    else if (k == "--peer-lookups")
      a.peer_lookups = num();
    else if (k == "--paths")
      a.paths = num();
    else if (k == "--peer-paths")
      a.peer_paths = num();
    else if (k == "--ingest")
      a.ingest = num();
    else if (k == "--peer-ingest")
      a.peer_ingest = num();
    else if (k == "--tx-facts")
      a.tx_facts = num();
    else if (k == "--tx-sizes") {
      a.tx_sizes.clear();
      for (const auto& x : Split(val())) a.tx_sizes.push_back(std::stoul(x));
    } else if (k == "--no-ingest")
      a.ingest_enabled = false;
    else if (k == "--no-reopen")
      a.reopen = false;
    else
      throw std::runtime_error("unknown flag " + k);
  }
  if (a.label.empty()) {
    a.label = std::to_string(a.config.territories) + "x" + std::to_string(a.config.versions);
  }
  return a;
}

struct Latency {
  double p50_us = 0, p99_us = 0, mean_us = 0, per_s = 0;
};

// The cost of one steady_clock read, subtracted from per-call latencies.
double ClockOverheadUs() {
  std::vector<double> v;
  for (int i = 0; i < 10'001; ++i) {
    auto a = Clock::now();
    auto b = Clock::now();
    v.push_back(std::chrono::duration<double, std::micro>(b - a).count());
  }
  std::nth_element(v.begin(), v.begin() + 5000, v.end());
  return v[5000];
}

// Times each of n calls one by one (percentiles), then all of them back to back (throughput).
Latency Measure(size_t n, const std::function<void(size_t)>& call, double clock_us) {
  std::vector<double> us(n);
  for (size_t i = 0; i < n; ++i) {
    auto a = Clock::now();
    call(i);
    auto b = Clock::now();
    us[i] = std::max(0.0, std::chrono::duration<double, std::micro>(b - a).count() - clock_us);
  }
  auto a = Clock::now();
  for (size_t i = 0; i < n; ++i) call(i);
  const double total = Seconds(a, Clock::now());
  Latency l;
  l.per_s = static_cast<double>(n) / total;
  l.mean_us = total * 1e6 / static_cast<double>(n);
  std::sort(us.begin(), us.end());
  l.p50_us = us[n / 2];
  l.p99_us = us[std::min(n - 1, n * 99 / 100)];
  return l;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Figures by metric, then system.
struct Report {
  std::vector<std::string> metrics;  // in first-seen order
  std::vector<std::string> systems;
  std::map<std::string, std::map<std::string, std::string>> text;
  std::map<std::string, std::map<std::string, double>> value;
  std::map<std::string, bool> lower_is_better;
  std::ofstream tsv;
  std::string label;

  void Add(const std::string& system, const std::string& metric, double v, bool lower_better = true, int decimals = 3) {
    if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) metrics.push_back(metric);
    if (std::find(systems.begin(), systems.end(), system) == systems.end()) systems.push_back(system);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    text[metric][system] = buf;
    value[metric][system] = v;
    lower_is_better[metric] = lower_better;
    if (tsv) tsv << label << '\t' << system << '\t' << metric << '\t' << buf << '\n';
    std::fprintf(stderr, "  %-10s %-52s %s\n", system.c_str(), metric.c_str(), buf);
  }

  // Columns: ordo (fast path), ordo API (strings), then each peer with the ratio peer/ordo, taken
  // against the fast path where it answers the question and against the string API otherwise.
  void Print() const {
    std::vector<std::string> peers;
    for (const auto& s : systems) {
      if (s != "ordo" && s != "ordo API") peers.push_back(s);
    }
    std::printf("\n### %s\n\n| metric | ordo | ordo API |", label.c_str());
    for (const auto& p : peers) std::printf(" %s | ratio |", p.c_str());
    std::printf("\n|---|---:|---:|");
    for (size_t i = 0; i < peers.size(); ++i) std::printf("---:|---:|");
    std::printf("\n");
    for (const auto& m : metrics) {
      auto row = text.at(m);
      auto vals = value.at(m);
      std::printf("| %s | %s | %s |", m.c_str(), row.count("ordo") ? row["ordo"].c_str() : "-",
                  row.count("ordo API") ? row["ordo API"].c_str() : "-");
      const std::string base = vals.count("ordo") ? "ordo" : "ordo API";
      for (const auto& p : peers) {
        std::string ratio = "-";
        if (vals.count(base) && vals.count(p) && vals[base] > 0 && vals[p] > 0 &&
            m.find("changes") == std::string::npos && m.find(": facts") == std::string::npos &&
            m.find("(g)") == std::string::npos && m.find("not a target") == std::string::npos) {
          const double x = lower_is_better.at(m) ? vals[p] / vals[base] : vals[base] / vals[p];
          char buf[32];
          std::snprintf(buf, sizeof buf, x >= 10 ? "%.0fx" : "%.2fx", x);
          ratio = buf;
        }
        std::printf(" %s | %s |", row.count(p) ? row[p].c_str() : "-", ratio.c_str());
      }
      std::printf("\n");
    }
    std::fflush(stdout);
  }
};

struct Workload {
  std::vector<std::pair<uint32_t, int32_t>> lookups;  // (territory, day)
  std::vector<std::pair<uint32_t, int32_t>> asof;     // inside corrected placements
  std::vector<int64_t> asof_recorded;                 // a record time for each, before, between or after
  std::vector<std::pair<uint32_t, int32_t>> paths;    // (unit, day)
  std::vector<int32_t> snapshot_days;
  std::vector<std::pair<int32_t, int32_t>> diffs;  // (d1, d2)
};

Workload MakeWorkload(const History& h, const Args& a) {
  Workload w;
  Rng rng(7);
  Rng record_rng(11);  // its own stream, so that the other questions' workloads stay as they were
  const uint32_t span = static_cast<uint32_t>(h.last_day - h.first_day + 3 * 365);
  for (size_t i = 0; i < a.lookups; ++i) {
    w.lookups.emplace_back(rng.Below(h.config.territories),
                           h.first_day - 2 * 365 + static_cast<int32_t>(rng.Below(span)));
  }
  for (size_t i = 0; i < a.peer_lookups && !h.corrections.empty(); ++i) {
    const Placement& p = h.placements[h.corrections[rng.Below(static_cast<uint32_t>(h.corrections.size()))].index];
    const int32_t to = p.to == kOpenDay ? h.last_day + 365 : p.to;
    w.asof.emplace_back(p.territory, p.from + static_cast<int32_t>(rng.Below(static_cast<uint32_t>(to - p.from))));
    // Uniform over the base load's and the corrections' record times and a quarter of their gap
    // on either side: a tenth of the queries see nothing, two thirds the old district.
    const int64_t gap = h.recorded_fix_us - h.recorded_base_us;
    const double u = static_cast<double>(record_rng.Below(1u << 30)) / static_cast<double>(1u << 30);
    w.asof_recorded.push_back(h.recorded_base_us - gap / 4 + static_cast<int64_t>(u * static_cast<double>(gap) * 1.5));
  }
  for (size_t i = 0; i < a.paths; ++i) {
    w.paths.emplace_back(rng.Below(h.config.units), h.first_day + static_cast<int32_t>(rng.Below(span - 3 * 365)));
  }
  const int32_t mid = h.first_day + (h.last_day - h.first_day) / 2;
  w.snapshot_days = {mid - 3650, mid - 1000, mid, mid + 1000, mid + 3650};
  for (int32_t width : {1, 30, 365, 3650}) w.diffs.emplace_back(mid, mid + width);
  return w;
}

std::unique_ptr<Peer> MakePeer(const std::string& name, const Args& a) {
  if (name == "sqlite") return MakeSqlitePeer(a.scratch);
#ifdef ORDO_BENCH_WITH_PG
  if (name == "postgres") return MakePostgresPeer(a.pg);
#endif
#ifdef ORDO_BENCH_WITH_MARIADB
  if (name == "mariadb") return MakeMariaDbPeer(a.mariadb_socket);
#endif
  throw std::runtime_error("peer '" + name + "' is not built in this harness (client library missing?)");
}

size_t RssBytes() {
  std::ifstream in("/proc/self/statm");
  size_t pages = 0, rss = 0;
  in >> pages >> rss;
  return rss * 4096;
}

// Answers that every system must agree on.
struct Expected {
  std::map<std::string, uint64_t> sums;
  bool Check(const std::string& system, const std::string& what, uint64_t v) {
    auto it = sums.find(what);
    if (it == sums.end()) {
      sums[what] = v;
      return true;
    }
    if (it->second != v) {
      std::fprintf(stderr, "MISMATCH: %s answers %s with checksum %llu, expected %llu\n", system.c_str(), what.c_str(),
                   static_cast<unsigned long long>(v), static_cast<unsigned long long>(it->second));
      return false;
    }
    return true;
  }
};

void RunQueries(Peer& p, bool is_ordo, const Args& a, const Workload& w, const History& h, Report& r, Expected& ex,
                bool* ok) {
  const std::string sys = p.Name();
  const double clock_us = ClockOverheadUs();
  auto lookups_for = [&](size_t n) { return std::min(n, w.lookups.size()); };

  // (a) point lookups.
  {
    const size_t n = lookups_for(is_ordo ? a.lookups : a.peer_lookups);
    uint64_t sum = 0;
    for (size_t i = 0; i < std::min(n, a.peer_lookups); ++i)
      sum += static_cast<uint64_t>(p.PointLookup(w.lookups[i].first, w.lookups[i].second) + 1);
    *ok &= ex.Check(sys, "point lookups", sum);
    volatile int64_t sink = 0;
    Latency l = Measure(
        n, [&](size_t i) { sink = sink + p.PointLookup(w.lookups[i].first, w.lookups[i].second); }, clock_us);
    r.Add(sys, "(a) point lookup p50, us", l.p50_us);
    r.Add(sys, "(a) point lookup p99, us", l.p99_us);
    r.Add(sys, "(a) point lookups per second, one client", l.per_s, false, 0);
    if (is_ordo) {
      auto& o = static_cast<OrdoPeer&>(p);
      const size_t m = lookups_for(a.peer_lookups);
      uint64_t api_sum = 0;
      for (size_t i = 0; i < m; ++i)
        api_sum += static_cast<uint64_t>(o.PointLookupApi(w.lookups[i].first, w.lookups[i].second) + 1);
      *ok &= ex.Check(sys + " API", "point lookups", api_sum);
      Latency la = Measure(
          m, [&](size_t i) { sink = sink + o.PointLookupApi(w.lookups[i].first, w.lookups[i].second); }, clock_us);
      r.Add("ordo API", "(a) point lookup p50, us", la.p50_us);
      r.Add("ordo API", "(a) point lookup p99, us", la.p99_us);
      r.Add("ordo API", "(a) point lookups per second, one client", la.per_s, false, 0);
    }
  }
  // (b) snapshots.
  {
    std::vector<double> ms;
    std::vector<double> api_ms;
    const int reps = is_ordo ? 5 : 2;
    for (int32_t day : w.snapshot_days) {
      for (int rep = 0; rep < reps; ++rep) {
        auto t0 = Clock::now();
        Answer ans = p.Snapshot(day);
        ms.push_back(Seconds(t0, Clock::now()) * 1e3);
        if (rep == 0) *ok &= ex.Check(sys, "snapshot " + std::to_string(day), ans.rows * 1'000'003 + ans.checksum);
        if (is_ordo) {
          auto t1 = Clock::now();
          Answer api = static_cast<OrdoPeer&>(p).SnapshotApi(day);
          api_ms.push_back(Seconds(t1, Clock::now()) * 1e3);
          if (rep == 0)
            *ok &= ex.Check("ordo API", "snapshot " + std::to_string(day), api.rows * 1'000'003 + api.checksum);
        }
      }
    }
    r.Add(sys, "(b) snapshot of all territories at a date, ms", Median(ms));
    if (is_ordo) r.Add("ordo API", "(b) snapshot of all territories at a date, ms", Median(api_ms));
  }
  // (c) diffs, by width of the window.
  for (auto [d1, d2] : w.diffs) {
    std::vector<double> ms;
    Answer ans;
    for (int rep = 0; rep < (is_ordo ? 5 : 2); ++rep) {
      auto t0 = Clock::now();
      ans = p.Diff(d1, d2);
      ms.push_back(Seconds(t0, Clock::now()) * 1e3);
    }
    const std::string what = "(c) diff over " + std::to_string(d2 - d1) + " days";
    *ok &= ex.Check(sys, what, ans.rows * 1'000'003 + ans.checksum);
    r.Add(sys, what + ", ms", Median(ms));
    r.Add(sys, what + ", changes", static_cast<double>(ans.rows), true, 0);
  }
  // (e) path to the root.
  {
    const size_t n = std::min(is_ordo ? a.paths : a.peer_paths, w.paths.size());
    uint64_t sum = 0;
    for (size_t i = 0; i < std::min(n, a.peer_paths); ++i)
      sum += p.PathUp(w.paths[i].first, w.paths[i].second).checksum;
    *ok &= ex.Check(sys, "paths", sum);
    volatile uint64_t sink = 0;
    Latency l = Measure(
        n, [&](size_t i) { sink = sink + p.PathUp(w.paths[i].first, w.paths[i].second).rows; }, clock_us);
    r.Add(sys, "(e) path to the root p50, us", l.p50_us);
    if (is_ordo) {
      auto& o = static_cast<OrdoPeer&>(p);
      const size_t m = std::min(a.peer_paths, w.paths.size());
      uint64_t api_sum = 0;
      for (size_t i = 0; i < m; ++i) api_sum += o.PathUpApi(w.paths[i].first, w.paths[i].second).checksum;
      *ok &= ex.Check("ordo API", "paths", api_sum);
      Latency la = Measure(
          m, [&](size_t i) { sink = sink + o.PathUpApi(w.paths[i].first, w.paths[i].second).rows; }, clock_us);
      r.Add("ordo API", "(e) path to the root p50, us", la.p50_us);
    }
  }
  // (f) as of an earlier record time (ordo answers through the string API: the fast path has no record time).
  if (!w.asof.empty()) {
    uint64_t sum = 0;
    for (auto [t, day] : w.asof) sum += static_cast<uint64_t>(p.PointAsOf(t, day) + 1);
    *ok &= ex.Check(sys, "as-of lookups", sum);
    volatile int64_t sink = 0;
    Latency l = Measure(
        w.asof.size(), [&](size_t i) { sink = sink + p.PointAsOf(w.asof[i].first, w.asof[i].second); }, clock_us);
    r.Add(is_ordo ? "ordo API" : sys, "(f) lookup as of an earlier record time p50, us", l.p50_us);
    r.Add(is_ordo ? "ordo API" : sys, "(f) lookup as of an earlier record time p99, us", l.p99_us);
  }
  // (f) again with a record time drawn for each query, through the fast path where there is one.
  int64_t probe = 0;
  if (!w.asof.empty() && p.PointAsOfAt(w.asof[0].first, w.asof[0].second, w.asof_recorded[0], &probe)) {
    const auto at = [&](size_t i) {
      int64_t d = 0;
      p.PointAsOfAt(w.asof[i].first, w.asof[i].second, w.asof_recorded[i], &d);
      return d;
    };
    uint64_t sum = 0;
    for (size_t i = 0; i < w.asof.size(); ++i) sum += static_cast<uint64_t>(at(i) + 1);
    *ok &= ex.Check(sys, "as-of lookups at random record times", sum);
    volatile int64_t sink = 0;
    Latency l = Measure(
        w.asof.size(), [&](size_t i) { sink = sink + at(i); }, clock_us);
    r.Add(sys, "(f) lookup at a random record time p50, us", l.p50_us);
    r.Add(sys, "(f) lookup at a random record time p99, us", l.p99_us);
    if (is_ordo) {
      auto& o = static_cast<OrdoPeer&>(p);
      const auto api = [&](size_t i) { return o.PointAsOfApi(w.asof[i].first, w.asof[i].second, w.asof_recorded[i]); };
      uint64_t api_sum = 0;
      for (size_t i = 0; i < w.asof.size(); ++i) api_sum += static_cast<uint64_t>(api(i) + 1);
      *ok &= ex.Check("ordo API", "as-of lookups at random record times", api_sum);
      Latency la = Measure(
          w.asof.size(), [&](size_t i) { sink = sink + api(i); }, clock_us);
      r.Add("ordo API", "(f) lookup at a random record time p50, us", la.p50_us);
      r.Add("ordo API", "(f) lookup at a random record time p99, us", la.p99_us);
    }
  }
  (void)h;
}

IngestRows MakeIngestRows(const History& h, size_t n) {
  HistoryConfig c = h.config;
  c.versions = std::max<uint32_t>(1, h.config.versions);
  c.territories = static_cast<uint32_t>((n + c.versions - 1) / c.versions);
  c.units = 0;
  c.correction_pct = 0;
  c.seed = h.config.seed + 1;
  History g = Generate(c);
  IngestRows rows;
  rows.first_territory = 9'000'000;
  rows.territory_count = c.territories;
  rows.rows = std::move(g.placements);
  rows.rows.resize(std::min(rows.rows.size(), n));
  for (Placement& p : rows.rows) p.territory += rows.first_territory;
  return rows;
}

void RunIngest(Peer& p, bool is_ordo, const Args& a, const History& h, Report& r) {
  const std::string sys = p.Name();
  const size_t n = (sys == "ordo" || sys == "SQLite") ? a.ingest : a.peer_ingest;
  const IngestRows rows = MakeIngestRows(h, n);
  for (bool durable : {true, false}) {
    const std::string mode = durable ? "durable" : "relaxed";
    if (is_ordo)
      static_cast<OrdoPeer&>(p).PrepareIngestSized(rows, durable, 0);
    else
      p.PrepareIngest(rows, durable);
    auto t0 = Clock::now();
    p.IngestBulk(rows);
    const double s = Seconds(t0, Clock::now());
    p.FinishIngest();
    r.Add(sys, "(d) bulk ingest: facts", static_cast<double>(rows.rows.size()), true, 0);
    r.Add(sys, "(d) bulk ingest, " + mode + ", s", s);
    r.Add(sys, "(d) bulk ingest, " + mode + ", facts per second", static_cast<double>(rows.rows.size()) / s, false, 0);
    for (size_t tx : a.tx_sizes) {
      const size_t count = std::max<size_t>(20, a.tx_facts / tx);
      IngestRows sub = rows;
      sub.rows.resize(std::min(rows.rows.size(), count * tx));
      if (is_ordo)
        static_cast<OrdoPeer&>(p).PrepareIngestSized(sub, durable, tx);
      else
        p.PrepareIngest(sub, durable);
      std::vector<double> ms;
      auto t1 = Clock::now();
      for (size_t begin = 0; begin + tx <= sub.rows.size(); begin += tx) {
        auto b = Clock::now();
        p.IngestTransaction(sub, begin, begin + tx);
        ms.push_back(Seconds(b, Clock::now()) * 1e3);
      }
      const double total = Seconds(t1, Clock::now());
      p.FinishIngest();
      r.Add(sys, "(d) order of " + std::to_string(tx) + " facts, " + mode + ", p50 ms", Median(ms));
      r.Add(sys, "(d) orders of " + std::to_string(tx) + " facts, " + mode + ", facts per second",
            static_cast<double>(ms.size() * tx) / total, false, 0);
    }
  }
}

int Main(int argc, char** argv) {
  const Args a = Parse(argc, argv);
  std::filesystem::create_directories(a.scratch);
  Report r;
  r.label = a.label;
  if (!a.tsv.empty()) r.tsv.open(a.tsv, std::ios::app);
  std::fprintf(stderr, "generating %s: %u territories x %u versions, %u districts, %u units\n", a.label.c_str(),
               a.config.territories, a.config.versions, a.config.districts, a.config.units);
  const History h = Generate(a.config);
  const Workload w = MakeWorkload(h, a);
  std::fprintf(stderr, "  %zu placements, %zu corrections, %zu subordinations\n", h.placements.size(),
               h.corrections.size(), h.subordinations.size());
  Expected ex;
  bool ok = true;
  for (const std::string& name : a.peers) {
    const bool is_ordo = name == "ordo";
    std::unique_ptr<Peer> p;
    if (is_ordo)
      p = std::make_unique<OrdoPeer>(a.scratch + "/ordo.db", a.scratch);
    else
      p = MakePeer(name, a);
    std::fprintf(stderr, "%s: loading\n", p->Name().c_str());
    const size_t rss0 = RssBytes();
    auto t0 = Clock::now();
    p->Load(h);
    r.Add(p->Name(), "bulk load of the history (not a target), s", Seconds(t0, Clock::now()));
    if (is_ordo) {
      auto& o = static_cast<OrdoPeer&>(*p);
      const size_t facts = o.db().fact_count();
      r.Add("ordo", "(g) facts in the record", static_cast<double>(facts), true, 0);
      if (a.reopen) {
        std::vector<double> s;
        for (int i = 0; i < 3; ++i) s.push_back(o.Reopen());
        r.Add("ordo", "(g) time to open the database, s", Median(s));
      }
      r.Add("ordo", "(g) index memory per fact (memory_bytes), bytes",
            static_cast<double>(o.db().memory_bytes()) / facts, true, 1);
      r.Add("ordo", "(g) process RSS growth per fact, bytes", static_cast<double>(RssBytes() - rss0) / facts, true, 1);
    }
    r.Add(p->Name(), "(g) bytes on disk per placement row",
          static_cast<double>(p->StorageBytes()) /
              static_cast<double>(h.placements.size() + h.corrections.size() + h.subordinations.size()),
          true, 1);
    if (!a.explain_dir.empty()) {
      std::string plans = p->Explain();
      if (!plans.empty()) {
        std::filesystem::create_directories(a.explain_dir);
        std::ofstream(a.explain_dir + "/explain-" + name + ".txt") << "# " << p->Name() << ", " << a.label << "\n\n"
                                                                   << plans;
      }
    }
    std::fprintf(stderr, "%s: queries\n", p->Name().c_str());
    RunQueries(*p, is_ordo, a, w, h, r, ex, &ok);
    if (a.ingest_enabled) {
      std::fprintf(stderr, "%s: ingest\n", p->Name().c_str());
      RunIngest(*p, is_ordo, a, h, r);
    }
  }
  r.Print();
  if (!ok) {
    std::fprintf(stderr, "FAILED: the systems disagree (see MISMATCH above)\n");
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace ordo::bench

int main(int argc, char** argv) {
  try {
    return ordo::bench::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "compare_bench: %s\n", e.what());
    return 2;
  }
}
