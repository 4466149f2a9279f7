#include "analysis/output_files.h"

#include <string>
#include <system_error>
#include <utility>

#include "analysis/operations_writer.h"
#include "sim/assert.h"

namespace ecsim::analysis {

namespace {

// Flushed to the temporary file whenever the buffer grows past this.
constexpr std::size_t kStreamBufferBytes = std::size_t{1} << 20;

WriteStatus make_output_directory(const std::filesystem::path& directory) {
  // The non-throwing overloads: filesystem failures are results here, not exceptions.
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return WriteStatus::failure("cannot create output directory " + directory.string() + ": " +
                                error.message());
  }
  if (!std::filesystem::is_directory(directory, error)) {
    return WriteStatus::failure("output path " + directory.string() + " is not a directory" +
                                (error ? ": " + error.message() : std::string()));
  }
  return WriteStatus::success();
}

// summary.json, `more`, fingerprint.txt: what follows operations.jsonl.
WriteStatus write_files_after_operations(const std::filesystem::path& directory, const std::string& summary,
                                         const std::vector<OutputFile>& more, const std::string& fingerprint) {
  if (WriteStatus s = write_file_atomically(directory / kSummaryFileName, summary); !s.ok()) {
    return s;
  }
  for (const OutputFile& file : more) {
    ECSIM_ASSERT_MSG(file.name.find('/') == std::string::npos, "an output file name is a plain name");
    if (WriteStatus s = write_file_atomically(directory / file.name, file.contents); !s.ok()) return s;
  }
  return write_file_atomically(directory / kFingerprintFileName, fingerprint);
}

}  // namespace

RunInfo run_info_of(const models::Simulation& sim, std::string scenario) {
  RunInfo info;
  info.scenario = std::move(scenario);
  info.seed = sim.seed();
  info.end_time = sim.scheduler().now();
  info.fingerprint = sim.scheduler().fingerprint();
  return info;
}

WriteStatus write_run_outputs(const std::filesystem::path& directory, const RunInfo& info,
                              const models::CallLog& log, const std::vector<OutputFile>& more) {
  ECSIM_ASSERT_MSG(info.fingerprint.has_value(), "write_run_outputs needs the run's fingerprint");

  // Render everything before touching the disk, so a bug found while rendering (an assertion)
  // cannot leave a half-updated directory behind.
  const std::string operations = render_operations_jsonl(log);
  const std::string summary = render_summary_json(info, log);
  const std::string fingerprint = format_fingerprint(*info.fingerprint) + "\n";

  if (WriteStatus s = make_output_directory(directory); !s.ok()) return s;
  if (WriteStatus s = write_file_atomically(directory / kOperationsFileName, operations); !s.ok()) {
    return s;
  }
  return write_files_after_operations(directory, summary, more, fingerprint);
}

WriteStatus StreamedRunOutputs::open(const std::filesystem::path& directory) {
  directory_ = directory;
  if (WriteStatus s = make_output_directory(directory); !s.ok()) return s;
  return operations_.open(directory / kOperationsFileName);
}

namespace {

// Records per batch, and batches handed over but not yet written: the writer lags the
// simulation by at most a few thousand records, and the simulation waits when it is that far behind.
constexpr std::size_t kBatchRecords = 2048;
constexpr std::size_t kMaxQueuedBatches = 4;

}  // namespace

StreamedRunOutputs::~StreamedRunOutputs() { stop_writer(); }

void StreamedRunOutputs::on_final(models::CallRecord&& record, models::WorkloadCallSpec&& call) {
  ECSIM_ASSERT_MSG(record.index == next_index_, "a streamed record out of index order");
  ++next_index_;
  if (filling_.capacity() == 0) filling_.reserve(kBatchRecords);
  filling_.push_back(Final{std::move(record), std::move(call)});
  if (filling_.size() == kBatchRecords) hand_over();
}

void StreamedRunOutputs::hand_over() {
  if (!writer_.joinable()) writer_ = std::thread([this] { write_loop(); });
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return queued_.size() < kMaxQueuedBatches; });
  queued_.push_back(std::move(filling_));
  filling_ = Batch();
  if (!spare_.empty()) {
    filling_ = std::move(spare_.back());
    spare_.pop_back();
  }
  changed_.notify_all();
}

void StreamedRunOutputs::write_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
    if (queued_.empty()) return;  // stopping, and everything handed over is written
    Batch batch = std::move(queued_.front());
    queued_.pop_front();
    changed_.notify_all();  // room in the queue
    lock.unlock();
    write_batch(batch);
    lock.lock();
    spare_.push_back(std::move(batch));
  }
}

void StreamedRunOutputs::write_batch(Batch& batch) {
  for (const Final& f : batch) {
    append_operation_line(buffer_, f.record);
    add_to_statistics(stats_, f.record);
    if (buffer_.size() >= kStreamBufferBytes) {
      (void)operations_.append(buffer_);  // a failure is kept and reported by finish()
      buffer_.clear();
    }
  }
  batch.clear();
}

void StreamedRunOutputs::stop_writer() {
  if (!writer_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  writer_.join();
}

WriteStatus StreamedRunOutputs::finish(const RunInfo& info, const std::vector<OutputFile>& more) {
  ECSIM_ASSERT_MSG(info.fingerprint.has_value(), "StreamedRunOutputs::finish needs the run's fingerprint");
  stop_writer();
  write_batch(filling_);  // the last, partial batch
  const std::string summary = render_summary_json(info, stats_);
  const std::string fingerprint = format_fingerprint(*info.fingerprint) + "\n";
  if (WriteStatus s = operations_.append(buffer_); !s.ok()) return s;
  buffer_.clear();
  if (WriteStatus s = operations_.commit(); !s.ok()) return s;
  return write_files_after_operations(directory_, summary, more, fingerprint);
}

}  // namespace ecsim::analysis
