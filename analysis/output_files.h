#pragma once
// The files of `ecsim run --out DIR` (contract section 3):
//
//   DIR/operations.jsonl   one line per call (operations_writer.h)
//   DIR/summary.json       counts and distributions (summary_writer.h)
//   DIR/fingerprint.txt    the run's fingerprint as 16 hex digits and a newline
//   DIR/<name>             each of `more` (e.g. utilisation.csv, throughput.csv), rendered by the
//                          caller, written after summary.json and before fingerprint.txt
//
// DIR is created (with its parents) when missing. Each file is rendered in memory first, then
// written atomically (atomic_file.h), in the order above; a failure stops at the first file that
// could not be written and leaves every file either fully old or fully new. Failures come back as
// a WriteStatus; nothing is thrown.

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analysis/atomic_file.h"
#include "analysis/summary_writer.h"
#include "models/call_log.h"
#include "models/scenario/scenario_spec.h"
#include "models/simulation.h"

namespace ecsim::analysis {

inline constexpr const char* kOperationsFileName = "operations.jsonl";
inline constexpr const char* kSummaryFileName = "summary.json";
inline constexpr const char* kFingerprintFileName = "fingerprint.txt";

// A further output file: its name in DIR and its whole contents.
struct OutputFile {
  std::string name;
  std::string contents;
};

// What every run's outputs start from: the scenario's name, the seed, the virtual time the run
// ended at and its fingerprint (`phases` and `extra` are left to the caller).
RunInfo run_info_of(const models::Simulation& sim, std::string scenario);

// REQUIRES: info.fingerprint has a value (every run has one; fingerprint.txt is pinned output);
// no record of `log` is pending; names in `more` are plain file names, distinct from the above.
WriteStatus write_run_outputs(const std::filesystem::path& directory, const RunInfo& info,
                              const models::CallLog& log, const std::vector<OutputFile>& more = {});

// The same files from a streamed run (Simulation::stream_calls_to), byte for byte: each record is
// written to operations.jsonl's temporary file and folded into the statistics as it settles, so
// neither the records nor the rendered file are ever held whole. finish() puts operations.jsonl
// in place and writes the rest as write_run_outputs does; an object destroyed before finish()
// (an interrupted run) removes the temporary file and leaves DIR's files as they were.
//
// The records are rendered, counted and destroyed on a second thread, a batch at a time, so that
// the simulation's own thread only hands them over: at 10^7 calls that work (and the write()
// calls) was about a sixth of a replay. One writer takes the batches in the order they were
// handed over, so the bytes are the same as rendering them in place; the writer starts with the
// first full batch, so a small run never starts it.
class StreamedRunOutputs final : public models::CallSink {
 public:
  StreamedRunOutputs() = default;
  StreamedRunOutputs(const StreamedRunOutputs&) = delete;
  StreamedRunOutputs& operator=(const StreamedRunOutputs&) = delete;
  ~StreamedRunOutputs() override;  // stops the writer; without finish(), no file is left behind

  // Creates DIR (with its parents) and opens operations.jsonl's temporary file.
  WriteStatus open(const std::filesystem::path& directory);
  void on_final(models::CallRecord&& record, models::WorkloadCallSpec&& call) override;
  // The statistics of every record. REQUIRES: finish() has returned.
  const RunStatistics& statistics() const { return stats_; }
  // REQUIRES: open() succeeded; as write_run_outputs.
  WriteStatus finish(const RunInfo& info, const std::vector<OutputFile>& more = {});

 private:
  struct Final {
    models::CallRecord record;
    models::WorkloadCallSpec call;  // not written: handed over so that the writer frees it
  };
  using Batch = std::vector<Final>;

  void hand_over();              // the simulation's thread: filling_ to the writer
  void write_loop();             // the writer's thread
  void write_batch(Batch& batch);  // renders, counts and destroys; then `batch` is empty
  void stop_writer();            // waits until every batch handed over is written

  std::filesystem::path directory_;
  AtomicFileWriter operations_;
  std::string buffer_;  // lines not yet written
  RunStatistics stats_;
  std::uint64_t next_index_ = 0;

  // Only the writer touches operations_, buffer_ and stats_ while it runs.
  Batch filling_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queued_;  // handed over, not yet written
  std::vector<Batch> spare_;  // written and empty, their capacity kept for reuse
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace ecsim::analysis
