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

void StreamedRunOutputs::on_final(const models::CallRecord& record, const models::WorkloadCallSpec&) {
  ECSIM_ASSERT_MSG(record.index == next_index_, "a streamed record out of index order");
  ++next_index_;
  append_operation_line(buffer_, record);
  add_to_statistics(stats_, record);
  if (buffer_.size() >= kStreamBufferBytes) {
    (void)operations_.append(buffer_);  // a failure is kept and reported by finish()
    buffer_.clear();
  }
}

WriteStatus StreamedRunOutputs::finish(const RunInfo& info, const std::vector<OutputFile>& more) {
  ECSIM_ASSERT_MSG(info.fingerprint.has_value(), "StreamedRunOutputs::finish needs the run's fingerprint");
  const std::string summary = render_summary_json(info, stats_);
  const std::string fingerprint = format_fingerprint(*info.fingerprint) + "\n";
  if (WriteStatus s = operations_.append(buffer_); !s.ok()) return s;
  buffer_.clear();
  if (WriteStatus s = operations_.commit(); !s.ok()) return s;
  return write_files_after_operations(directory_, summary, more, fingerprint);
}

}  // namespace ecsim::analysis
