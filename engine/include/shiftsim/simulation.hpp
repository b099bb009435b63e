#pragma once
// A minimal discrete-event simulation clock over EventQueue (simcpp20 / ns-3 style):
// now(), empty(), schedule(delay), schedule_at(t), cancel(id), step(), run(), run_until(t).
// No globals: every Simulation is an independent value, so many can run side by side in threads.
//
// Events are plain values; the caller passes the handler to step()/run()/run_until(), which is
// called as `handler(sim, payload)` with now() set to the event's time. Handlers may schedule
// and cancel events. Time never goes backwards: scheduling before now() is a precondition
// violation (asserted).
#include "shiftsim/event_queue.hpp"
#include "shiftsim/time.hpp"

#include <cassert>

namespace shiftsim {

template <class Payload>
class Simulation {
 public:
  /// Current simulated time.
  [[nodiscard]] SimTime now() const noexcept { return now_; }

  /// True when no live event is scheduled.
  [[nodiscard]] bool empty() noexcept { return queue_.empty(); }

  /// Schedules `payload` `delay` after now(). Precondition: delay >= 0.
  EventId schedule(SimTime delay, Payload payload) {
    assert(delay >= 0 && "negative delay");
    return queue_.push(now_ + delay, payload);
  }

  /// Schedules `payload` at absolute time `t`. Precondition: t >= now().
  EventId schedule_at(SimTime t, Payload payload) {
    assert(t >= now_ && "scheduling in the past");
    return queue_.push(t, payload);
  }

  /// Cancels a scheduled event (skipped when it comes up). No-op if it already ran.
  void cancel(EventId id) noexcept { queue_.cancel(id); }

  /// Runs the next live event; returns false when there was none.
  template <class Handler>
  bool step(Handler&& handler) {
    if (queue_.empty()) return false;
    const auto e = queue_.pop();
    now_ = e.time;
    handler(*this, e.payload);
    return true;
  }

  /// Runs events until none is left (or a handler calls stop()).
  template <class Handler>
  void run(Handler&& handler) {
    stopped_ = false;
    while (!stopped_ && step(handler)) {
    }
  }

  /// Runs every event scheduled strictly before `t`, then sets the clock to `t`.
  /// Precondition: t >= now().
  template <class Handler>
  void run_until(SimTime t, Handler&& handler) {
    assert(t >= now_ && "run_until into the past");
    stopped_ = false;
    while (!stopped_ && !queue_.empty() && queue_.top().time < t) step(handler);
    if (!stopped_) now_ = t;
  }

  /// Makes run()/run_until() return after the current handler.
  void stop() noexcept { stopped_ = true; }

  /// Back to t = 0 with no events, keeping storage (no allocation on reuse).
  void reset() noexcept {
    queue_.clear();
    now_ = 0;
    stopped_ = false;
  }

  void reserve(std::size_t n) { queue_.reserve(n); }

 private:
  EventQueue<Payload> queue_;
  SimTime now_ = 0;
  bool stopped_ = false;
};

}  // namespace shiftsim
