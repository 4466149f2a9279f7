#include "analysis/output_files.h"

#include <string>
#include <system_error>

#include "analysis/operations_writer.h"
#include "sim/assert.h"

namespace ecsim::analysis {

WriteStatus write_run_outputs(const std::filesystem::path& directory, const RunInfo& info,
                              const models::CallLog& log, const std::vector<OutputFile>& more) {
  ECSIM_ASSERT_MSG(info.fingerprint.has_value(), "write_run_outputs needs the run's fingerprint");

  // Render everything before touching the disk, so a bug found while rendering (an assertion)
  // cannot leave a half-updated directory behind.
  const std::string operations = render_operations_jsonl(log);
  const std::string summary = render_summary_json(info, log);
  const std::string fingerprint = format_fingerprint(*info.fingerprint) + "\n";

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

  if (WriteStatus s = write_file_atomically(directory / kOperationsFileName, operations); !s.ok()) {
    return s;
  }
  if (WriteStatus s = write_file_atomically(directory / kSummaryFileName, summary); !s.ok()) {
    return s;
  }
  for (const OutputFile& file : more) {
    ECSIM_ASSERT_MSG(file.name.find('/') == std::string::npos, "an output file name is a plain name");
    if (WriteStatus s = write_file_atomically(directory / file.name, file.contents); !s.ok()) return s;
  }
  return write_file_atomically(directory / kFingerprintFileName, fingerprint);
}

}  // namespace ecsim::analysis
