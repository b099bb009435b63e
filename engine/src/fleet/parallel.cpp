// Records consumed by worker threads through a bounded queue (parallel.hpp).
#include "fleet/parallel.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace shiftsim::detail {

namespace {

/// Thrown into the producer when a worker has failed: stops the reading.
struct Stopped {};

class RecordQueue {
 public:
  explicit RecordQueue(std::size_t capacity) : capacity_(capacity) {}

  /// Waits for room; throws Stopped once a worker failed.
  void push(FleetRecord r) {
    std::unique_lock lock(m_);
    room_.wait(lock, [&] { return q_.size() < capacity_ || failed_; });
    if (failed_) throw Stopped{};
    q_.push_back(std::move(r));
    ready_.notify_one();
  }
  /// The next record, or false when the producer is done (or a worker failed) and none is left.
  bool pop(FleetRecord& out) {
    std::unique_lock lock(m_);
    ready_.wait(lock, [&] { return !q_.empty() || done_ || failed_; });
    if (failed_ || q_.empty()) return false;
    out = std::move(q_.front());
    q_.pop_front();
    room_.notify_one();
    return true;
  }
  void finish() {
    std::lock_guard lock(m_);
    done_ = true;
    ready_.notify_all();
  }
  /// Records the first failure and wakes everybody.
  void fail(std::exception_ptr e) {
    std::lock_guard lock(m_);
    if (!error_) error_ = std::move(e);
    failed_ = true;
    ready_.notify_all();
    room_.notify_all();
  }
  [[nodiscard]] std::exception_ptr error() {
    std::lock_guard lock(m_);
    return error_;
  }

 private:
  std::mutex m_;
  std::condition_variable ready_, room_;
  std::deque<FleetRecord> q_;
  std::size_t capacity_;
  bool done_ = false;
  bool failed_ = false;
  std::exception_ptr error_;
};

}  // namespace

void run_records(int jobs,
                 const std::function<void(const std::function<void(FleetRecord)>&)>& produce,
                 const std::function<void(const FleetRecord&)>& consume) {
  if (jobs <= 1) {
    produce([&](FleetRecord r) { consume(r); });
    return;
  }
  RecordQueue queue(2 * static_cast<std::size_t>(jobs));
  std::vector<std::thread> workers;
  for (int i = 0; i < jobs; ++i)
    workers.emplace_back([&] {
      try {
        for (FleetRecord r; queue.pop(r);) consume(r);
      } catch (...) {
        queue.fail(std::current_exception());
      }
    });
  try {
    produce([&](FleetRecord r) { queue.push(std::move(r)); });
  } catch (const Stopped&) {
  } catch (...) {
    queue.fail(std::current_exception());
  }
  queue.finish();
  for (auto& w : workers) w.join();
  if (const auto e = queue.error()) std::rethrow_exception(e);
}

}  // namespace shiftsim::detail
