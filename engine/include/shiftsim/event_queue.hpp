#pragma once
// A discrete-event queue of small value events ordered by (time, seq).
//
// Contract
// - Events are plain values (`Payload` must be trivially copyable and small) stamped with an
//   absolute SimTime and a sequence number `seq` taken from an insertion counter, so events at
//   the same time pop in insertion order (FIFO among ties) and every run is reproducible.
// - Cancellation is by flag: cancel(id) marks the event's slot; a cancelled event stays in the
//   heap and is skipped (discarded) when it reaches the top. The heap is never searched.
// - Each scheduled event holds a slot (cancel flag + generation) until it leaves the heap; slots
//   are recycled, so an EventId of an event that already ran or was dropped goes stale and
//   cancel() on it is a no-op.
// - clear() empties the queue but keeps the storage, so a reused queue performs no heap
//   allocation once it has grown to the run's peak size.
//
// Complexity (n = events in the heap, cancelled ones not yet dropped included):
//   push      O(log n)   (amortised: std::vector growth)
//   cancel    O(1)
//   pop/top   O(log n) per event removed, cancelled events included (each is removed once)
//   empty     O(1) amortised (drops cancelled events from the top first)
//   memory    O(peak n): the heap plus one slot (8 bytes) per event in the heap
#include "shiftsim/time.hpp"

#include <cassert>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace shiftsim {

/// Handle of a scheduled event: (generation << 32) | slot. Goes stale when the event leaves the
/// queue (ran, or cancelled and dropped) and at clear().
using EventId = std::uint64_t;

template <class Payload>
class EventQueue {
  static_assert(std::is_trivially_copyable_v<Payload>, "events are small value records");

 public:
  struct Entry {
    SimTime time = 0;
    std::uint64_t seq = 0;  ///< insertion counter: FIFO among equal times
    std::uint32_t slot = 0;
    Payload payload{};
  };

  /// Schedules `payload` at absolute time `t`; returns its handle (for cancel()). The payload is
  /// taken by value (it is small) and the entry written field by field into the heap: an Entry
  /// built on the stack and copied whole stalled store forwarding on every push.
  EventId push(SimTime t, Payload payload) {
    std::uint32_t slot = 0;
    if (free_n_ > 0) {
      slot = free_[--free_n_];
    } else {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back(Slot{});
      if (free_.size() < slots_.size()) free_.resize(slots_.capacity());
    }
    slots_[slot].cancelled = false;
    if (n_ == heap_.size()) heap_.resize(n_ < 8 ? 8 : 2 * n_);
    sift_up(t, next_seq_++, slot, payload);
    return (static_cast<EventId>(slots_[slot].generation) << 32) | slot;
  }

  /// Marks the event as cancelled; it is skipped when it reaches the top. A stale handle (the
  /// event already ran or was dropped) is a no-op.
  void cancel(EventId id) noexcept {
    const auto slot = static_cast<std::uint32_t>(id & 0xffffffffU);
    if (slot < slots_.size() && slots_[slot].generation == static_cast<std::uint32_t>(id >> 32))
      slots_[slot].cancelled = true;
  }

  /// True when the event is still queued and cancelled.
  [[nodiscard]] bool is_cancelled(EventId id) const noexcept {
    const auto slot = static_cast<std::uint32_t>(id & 0xffffffffU);
    return slot < slots_.size() && slots_[slot].generation == static_cast<std::uint32_t>(id >> 32) &&
           slots_[slot].cancelled;
  }

  /// True when no live (non-cancelled) event is left.
  [[nodiscard]] bool empty() noexcept {
    drop_cancelled();
    return n_ == 0;
  }

  /// The next live event. Precondition: !empty().
  [[nodiscard]] const Entry& top() noexcept {
    drop_cancelled();
    assert(n_ > 0 && "top() on an empty EventQueue");
    return heap_[0];
  }

  /// Removes and returns the next live event. Precondition: !empty().
  Entry pop() noexcept {
    drop_cancelled();
    assert(n_ > 0 && "pop() on an empty EventQueue");
    return remove_top();
  }

  /// Events in the heap, cancelled ones not yet dropped included.
  [[nodiscard]] std::size_t size() const noexcept { return n_; }

  /// Empties the queue, keeping its storage (no allocation on reuse). Every handle goes stale.
  void clear() noexcept {
    n_ = 0;
    free_n_ = 0;
    for (std::size_t i = slots_.size(); i-- > 0;) {  // every slot free; slot 0 taken first
      ++slots_[i].generation;
      slots_[i].cancelled = false;
      free_[free_n_++] = static_cast<std::uint32_t>(i);
    }
    next_seq_ = 0;
  }

  /// Pre-sizes the storage for `n` simultaneous events.
  void reserve(std::size_t n) {
    if (heap_.size() < n) heap_.resize(n);
    slots_.reserve(n);
    if (free_.size() < slots_.capacity()) free_.resize(slots_.capacity());
  }

 private:
  struct Slot {
    std::uint32_t generation = 0;
    bool cancelled = false;
  };

  /// a comes after b in (time, seq) order.
  static bool later(const Entry& a, const Entry& b) noexcept {
    return a.time != b.time ? a.time > b.time : a.seq > b.seq;
  }

  // Binary min-heap on (time, seq) in heap_[0, n_) with the "hole" technique (each element moved
  // once per level, no swaps). Storage only grows; n_ is the live size.
  void sift_up(SimTime t, std::uint64_t seq, std::uint32_t slot, Payload payload) noexcept {
    std::size_t i = n_++;
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      const Entry& p = heap_[parent];
      if (!(p.time != t ? p.time > t : p.seq > seq)) break;  // !later(parent, new entry)
      move_entry(heap_[i], p);
      i = parent;
    }
    Entry& e = heap_[i];
    e.time = t;
    e.seq = seq;
    e.slot = slot;
    copy_payload(e.payload, payload);
  }

  /// Entries are written and read field by field, never as one wide copy: a wide load of fields
  /// just stored one by one cannot be forwarded from the store buffer and stalls (the queue is
  /// small and hot, so its entries are nearly always just written).
  static void move_entry(Entry& to, const Entry& from) noexcept {
    to.time = from.time;
    to.seq = from.seq;
    to.slot = from.slot;
    copy_payload(to.payload, from.payload);
  }
  /// The payload as one block of bytes (padding included), so that it is stored and loaded
  /// whole; a member-wise copy can store a padded payload in pieces.
  static void copy_payload(Payload& to, const Payload& from) noexcept {
    std::memcpy(&to, &from, sizeof(Payload));
  }

  Entry remove_top() noexcept {
    Entry e;
    move_entry(e, heap_[0]);
    const std::size_t n = --n_;
    if (n > 0) {
      const Entry& last = heap_[n];  // not overwritten: the hole stays in [0, n)
      std::size_t i = 0;
      for (;;) {
        std::size_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && later(heap_[child], heap_[child + 1])) ++child;
        if (!later(last, heap_[child])) break;
        move_entry(heap_[i], heap_[child]);
        i = child;
      }
      move_entry(heap_[i], last);
    }
    ++slots_[e.slot].generation;  // the handle goes stale
    free_[free_n_++] = e.slot;    // free_.size() >= slots_.size(): never out of range
    return e;
  }

  void drop_cancelled() noexcept {
    while (n_ > 0 && slots_[heap_[0].slot].cancelled) (void)remove_top();
  }

  std::vector<Entry> heap_;  // heap_[0, n_) is the heap; the rest is spare storage
  std::size_t n_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;  // free_[0, free_n_) are recycled slots
  std::size_t free_n_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace shiftsim
