// The (time, seq) event queue and the Simulation clock: ordering, FIFO ties, cancel by flag,
// run / run_until, reuse without reallocation.
#include "shiftsim/event_queue.hpp"
#include "shiftsim/simulation.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

using namespace shiftsim;

namespace {
struct Ev {
  int id = 0;
};
}  // namespace

TEST_CASE("events pop in time order, FIFO among equal times", "[event_queue]") {
  EventQueue<Ev> q;
  q.push(30, {1});
  q.push(10, {2});
  q.push(20, {3});
  q.push(10, {4});
  q.push(10, {5});
  std::vector<int> order;
  while (!q.empty()) order.push_back(q.pop().payload.id);
  CHECK(order == std::vector<int>{2, 4, 5, 3, 1});
}

TEST_CASE("a cancelled event is skipped when it reaches the top", "[event_queue]") {
  EventQueue<Ev> q;
  const auto a = q.push(5, {1});
  q.push(5, {2});
  const auto c = q.push(1, {3});
  q.cancel(c);
  q.cancel(a);
  CHECK(q.is_cancelled(a));
  REQUIRE_FALSE(q.empty());
  CHECK(q.top().payload.id == 2);
  CHECK(q.pop().payload.id == 2);
  CHECK(q.empty());
  SECTION("cancelling an event that already ran is a no-op") {
    const auto d = q.push(7, {4});
    CHECK(q.pop().payload.id == 4);
    q.cancel(d);
    q.push(8, {5});
    CHECK(q.pop().payload.id == 5);
  }
}

TEST_CASE("the queue matches a sorted reference on random workloads", "[event_queue]") {
  std::mt19937_64 rng(1234);
  EventQueue<Ev> q;
  for (int round = 0; round < 50; ++round) {
    q.clear();
    struct Ref {
      SimTime t;
      EventId seq;
      int id;
      bool cancelled;
    };
    std::vector<Ref> ref;
    const int n = std::uniform_int_distribution<int>(1, 300)(rng);
    for (int i = 0; i < n; ++i) {
      const SimTime t = std::uniform_int_distribution<SimTime>(0, 50)(rng);
      const EventId id = q.push(t, {i});
      ref.push_back({t, id, i, false});
    }
    for (auto& r : ref)
      if (std::bernoulli_distribution(0.3)(rng)) {
        q.cancel(r.seq);
        r.cancelled = true;
      }
    std::stable_sort(ref.begin(), ref.end(), [](const Ref& a, const Ref& b) { return a.t < b.t; });
    std::vector<int> want;
    for (const auto& r : ref)
      if (!r.cancelled) want.push_back(r.id);
    std::vector<int> got;
    while (!q.empty()) got.push_back(q.pop().payload.id);
    CHECK(got == want);
  }
}

TEST_CASE("Simulation: now, schedule by delay, step, run, run_until", "[simulation]") {
  Simulation<Ev> sim;
  std::vector<std::pair<SimTime, int>> seen;
  auto handler = [&](Simulation<Ev>& s, const Ev& e) {
    seen.emplace_back(s.now(), e.id);
    if (e.id == 1) s.schedule(5, Ev{10});  // handlers may schedule
  };
  sim.schedule(10, {1});
  sim.schedule(20, {2});
  const auto c = sim.schedule(15, {3});
  sim.cancel(c);
  CHECK(sim.now() == 0);
  sim.run_until(15, handler);  // strictly before 15, then the clock is 15
  CHECK(sim.now() == 15);
  CHECK(seen == std::vector<std::pair<SimTime, int>>{{10, 1}});
  sim.run(handler);
  CHECK(seen == std::vector<std::pair<SimTime, int>>{{10, 1}, {15, 10}, {20, 2}});
  CHECK(sim.now() == 20);
  CHECK(sim.empty());
  CHECK_FALSE(sim.step(handler));
  SECTION("reset returns to t = 0 with no events") {
    sim.schedule(3, {7});
    sim.reset();
    CHECK(sim.now() == 0);
    CHECK(sim.empty());
  }
  SECTION("stop() ends run() after the current handler") {
    sim.schedule(1, {20});
    sim.schedule(2, {21});
    sim.run([&](Simulation<Ev>& s, const Ev&) { s.stop(); });
    CHECK(sim.now() == 21);
    CHECK_FALSE(sim.empty());
  }
}

TEST_CASE("clear() empties the queue and makes every old handle stale", "[event_queue]") {
  EventQueue<Ev> q;
  std::vector<EventId> old;
  for (int i = 0; i < 64; ++i) old.push_back(q.push(i, {i}));
  q.cancel(old[3]);
  q.clear();
  CHECK(q.size() == 0);
  CHECK(q.empty());
  const auto a = q.push(5, {1});
  const auto b = q.push(5, {2});
  for (auto id : old) {
    CHECK(id != a);
    CHECK(id != b);
    q.cancel(id);  // stale: must not cancel the new events
  }
  CHECK_FALSE(q.is_cancelled(a));
  CHECK(q.pop().payload.id == 1);  // FIFO among equal times after a clear too
  CHECK(q.pop().payload.id == 2);
  CHECK(q.empty());
}
