#pragma once
// A run told in plain language, for newcomers (`ecsim explain`): one line per call (its virtual
// time, action, the resources it names, and what it started or the error code with its message)
// and one per state change (with its cause), in time order:
//
//   00:00:00  call "golden": CreateImage InstanceId=i-web-1 ImageName=web-golden -> ok: ImageId m-bp… (Creating)
//   00:01:05  snapshot s-bp… of d-web-sys (10 GiB used) accomplished — image m-bp… now 45%
//
// The Narrator observes the LifecycleBus while the run goes (it reads the world, never changes
// it) and merges the call log in afterwards. A call line comes before the state changes of the
// same instant: calls are scheduled before the run starts, so the kernel handles them first.

#include <cstdint>
#include <string>
#include <vector>

#include "models/lifecycle_bus.h"
#include "models/simulation.h"
#include "sim/time.h"

namespace ecsim::analysis {

class Narrator : public models::LifecycleObserver {
 public:
  // Subscribe it before the run: sim.bus().subscribe(&narrator).
  explicit Narrator(const models::Simulation& sim) : sim_(sim) {}

  void on_lifecycle(const models::LifecycleEvent& event) override;

  struct Line {
    sim::SimTime at;
    std::string text;  // without the time
  };
  // After the run: every call and every state change, in time order.
  std::vector<Line> lines() const;
  // lines() as text, each "HH:MM:SS  text\n" (whole seconds; "1d HH:MM:SS" past a day).
  std::string render() const;

 private:
  std::string call_text(std::size_t call) const;
  std::string resolve(const std::string& value) const;
  std::string image_label(models::ImageIndex i) const;

  struct Change {
    Line line;
    bool image = false;  // about an image (index) rather than a snapshot
    std::uint32_t index = 0;
  };

  const models::Simulation& sim_;
  std::vector<Change> changes_;  // in causal order
};

// "12 GiB", "1.5 GiB", "512 MiB".
std::string format_bytes(std::int64_t bytes);
// A virtual time at whole seconds: "00:12:04", "1d 02:00:00".
std::string narration_clock(sim::SimTime t);

}  // namespace ecsim::analysis
