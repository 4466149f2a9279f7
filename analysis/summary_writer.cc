#include "analysis/summary_writer.h"

#include <algorithm>
#include <array>
#include <limits>
#include <string_view>
#include <type_traits>

#include "analysis/distribution_summary.h"
#include "sim/assert.h"

namespace ecsim::analysis {
namespace {

constexpr std::array<std::string_view, 9> kFixedKeys = {"scenario",   "seed",   "end_time",
                                                        "operations", "errors", "latency",
                                                        "http",       "phases", "fingerprint"};

std::string two_digits(std::int64_t value) {
  std::string text = std::to_string(value);
  if (text.size() < 2) text.insert(0, 1, '0');
  return text;
}

void write_summary_value(JsonWriter& w, const SummaryValue& value) {
  std::visit(
      [&w](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          w.null();
        } else if constexpr (std::is_same_v<T, bool>) {
          w.boolean(v);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          w.integer(v);
        } else if constexpr (std::is_same_v<T, double>) {
          w.number(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          w.string(v);
        } else {
          static_assert(std::is_same_v<T, sim::SimDuration>);
          w.seconds(v);
        }
      },
      value);
}

// Pads `text` with spaces on the right to `width` characters (bytes; names are ASCII).
std::string pad_right(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

}  // namespace

RunStatistics collect_statistics(const models::CallLog& log) {
  ECSIM_ASSERT_MSG(log.complete(), "collect_statistics on a streamed run's log");
  RunStatistics stats;
  for (const models::CallRecord& record : log.records()) add_to_statistics(stats, record);
  return stats;
}

namespace {

// One sample list as the parts summarize_durations() takes.
std::array<const DurationSamples*, 1> one(const DurationSamples& samples) { return {&samples}; }

}  // namespace

std::vector<sim::SimDuration> ActionStatistics::to_status() const {
  std::vector<sim::SimDuration> all;
  for (const auto& [status, samples] : to_status_by_status) samples.append_to(all);
  return all;
}

void add_to_statistics(RunStatistics& stats, const models::CallRecord& record) {
  ECSIM_ASSERT_MSG(record.outcome != models::Outcome::kPending,
                   "a call is still pending when the summary is written");
  ActionStatistics& action = stats.actions[record.action];
  switch (record.outcome) {
    case models::Outcome::kOk:
      ++action.ok;
      ++stats.ok;
      break;
    case models::Outcome::kError:
      ++action.error;
      ++stats.error;
      ++action.error_codes[record.code];
      action.error_http.emplace(record.code, record.http_status);  // keeps the first
      break;
    case models::Outcome::kSkipped:
      ++action.skipped;
      ++stats.skipped;
      break;
    case models::Outcome::kPending:
      ECSIM_UNREACHABLE("pending call");
  }
  if (record.outcome != models::Outcome::kSkipped) {
    action.api_latencies.push_back(record.api_latency);
    ++stats.http[record.http_status];
  }
  if (record.status && record.status_at) {
    const sim::SimDuration to_status = *record.status_at - record.at;
    action.to_status_by_status[*record.status].push_back(to_status);
  }
  if (record.snapshots_done_after) {
    action.snapshots_phase.push_back(*record.snapshots_done_after);
    if (record.registered_after) {
      action.registration_phase.push_back(*record.registered_after -
                                          *record.snapshots_done_after);
    }
  }
}

std::string format_fingerprint(std::uint64_t fingerprint) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i) {
    text[static_cast<std::size_t>(i)] = kHex[fingerprint & 0xF];
    fingerprint >>= 4;
  }
  return text;
}

std::string format_duration_short(sim::SimDuration duration) {
  // Built by appending only: GCC 12 reports a false -Wrestrict on `"lit" + std::string` at -O3.
  std::string text;
  std::int64_t ticks = duration.ticks();
  if (ticks < 0) {
    text.push_back('-');
    // -ticks, kept in range for the most negative value.
    ticks = ticks == std::numeric_limits<std::int64_t>::min()
                ? std::numeric_limits<std::int64_t>::max()
                : -ticks;
  }
  constexpr std::int64_t kPerSecond = sim::SimDuration::kTicksPerSecond;
  if (ticks < 1000) {
    text.append(std::to_string(ticks)).append("us");
    return text;
  }
  // Each branch rounds to its own precision; a value that rounds up to the next unit falls
  // through to the next branch ("59.97s" is "1m00s", not "60.0s").
  const std::int64_t milliseconds = ticks / 1000 + (ticks % 1000 >= 500 ? 1 : 0);
  if (milliseconds < 1000) {
    text.append(std::to_string(milliseconds)).append("ms");
    return text;
  }
  const std::int64_t tenths = ticks / 100'000 + (ticks % 100'000 >= 50'000 ? 1 : 0);
  if (tenths < 600) {
    text.append(std::to_string(tenths / 10));
    if (tenths % 10 != 0) text.append(".").append(std::to_string(tenths % 10));
    text.append("s");
    return text;
  }
  const std::int64_t seconds = ticks / kPerSecond + (ticks % kPerSecond >= kPerSecond / 2 ? 1 : 0);
  const std::int64_t s = seconds % 60;
  const std::int64_t m = seconds / 60 % 60;
  const std::int64_t h = seconds / 3600 % 24;
  const std::int64_t d = seconds / 86400;
  if (seconds >= 86400)
    text.append(std::to_string(d)).append("d").append(two_digits(h)).append("h");
  if (seconds >= 3600 && seconds < 86400) text.append(std::to_string(h)).append("h");
  if (seconds >= 3600) {
    text.append(two_digits(m));
  } else {
    text.append(std::to_string(m));
  }
  text.append("m").append(two_digits(s)).append("s");
  return text;
}

std::string render_summary_json(const RunInfo& info, const models::CallLog& log) {
  return render_summary_json(info, collect_statistics(log));
}

std::string render_summary_json(const RunInfo& info, const RunStatistics& stats) {
  JsonWriter w(JsonStyle::kPretty);
  w.begin_object();
  w.key("scenario").string(info.scenario);
  w.key("seed").unsigned_integer(info.seed);
  w.key("end_time").seconds(info.end_time);

  w.key("operations").begin_object();
  for (const auto& [action, s] : stats.actions) {
    w.key(action).begin_object();
    w.key("ok").integer(s.ok);
    w.key("error").integer(s.error);
    w.key("skipped").integer(s.skipped);
    w.key("total").integer(s.total());
    w.end_object();
  }
  w.end_object();

  w.key("errors").begin_object();
  for (const auto& [action, s] : stats.actions) {
    if (s.error_codes.empty()) continue;
    w.key(action).begin_object();
    for (const auto& [code, count] : s.error_codes) w.key(code).integer(count);
    w.end_object();
  }
  w.end_object();

  w.key("latency").begin_object();
  for (const auto& [action, s] : stats.actions) {
    w.key(action).begin_object();
    w.key("api");
    write_duration_summary(w, summarize_samples(one(s.api_latencies)));
    w.key("to_status");
    std::vector<const DurationSamples*> to_status;
    for (const auto& [status, samples] : s.to_status_by_status) to_status.push_back(&samples);
    write_duration_summary(w, summarize_samples(to_status));
    w.end_object();
  }
  w.end_object();

  w.key("http").begin_object();
  for (const auto& [status, count] : stats.http) w.key(std::to_string(status)).integer(count);
  w.end_object();

  w.key("phases").begin_object();
  for (const auto& [action, s] : stats.actions) {
    const auto more = info.phases.find(action);
    bool more_samples = false;
    if (more != info.phases.end()) {
      for (const auto& [phase, samples] : more->second) more_samples = more_samples || !samples.empty();
    }
    if (s.snapshots_phase.empty() && s.registration_phase.empty() && !more_samples) continue;
    w.key(action).begin_object();
    if (!s.snapshots_phase.empty()) {
      w.key("snapshots");
      write_duration_summary(w, summarize_samples(one(s.snapshots_phase)));
    }
    if (!s.registration_phase.empty()) {
      w.key("registration");
      write_duration_summary(w, summarize_samples(one(s.registration_phase)));
    }
    if (more_samples) {
      for (const auto& [phase, samples] : more->second) {
        if (samples.empty()) continue;
        w.key(phase);
        write_duration_summary(w, summarize_durations(samples));
      }
    }
    w.end_object();
  }
  w.end_object();

  if (info.fingerprint) w.key("fingerprint").string(format_fingerprint(*info.fingerprint));

  for (std::size_t i = 0; i < info.extra.size(); ++i) {
    const std::string& key = info.extra[i].first;
    ECSIM_ASSERT_MSG(std::find(kFixedKeys.begin(), kFixedKeys.end(), key) == kFixedKeys.end(),
                     "an extra summary key repeats a fixed key");
    for (std::size_t j = 0; j < i; ++j) {
      ECSIM_ASSERT_MSG(info.extra[j].first != key, "an extra summary key repeats another");
    }
    w.key(key);
    write_summary_value(w, info.extra[i].second);
  }
  w.end_object();

  std::string text = w.take();
  text.push_back('\n');
  return text;
}

std::string render_terminal_summary(const RunInfo& info, const models::CallLog& log) {
  return render_terminal_summary(info, collect_statistics(log));
}

std::string render_terminal_summary(const RunInfo& info, const RunStatistics& stats) {
  std::string out;
  out += "seed " + std::to_string(info.seed) + "\n";
  out += "scenario " + info.scenario + "\n";
  out += "end time " + sim::format_clock(info.end_time) + " (" +
         sim::format_seconds(info.end_time.since_start()) + " s)\n";
  out += "calls " + std::to_string(stats.ok + stats.error + stats.skipped) + ": " +
         std::to_string(stats.ok) + " ok, " + std::to_string(stats.error) + " error, " +
         std::to_string(stats.skipped) + " skipped\n";

  std::size_t action_width = 0;
  for (const auto& [action, s] : stats.actions)
    action_width = std::max(action_width, action.size());
  for (const auto& [action, s] : stats.actions) {
    std::string line = "  " + pad_right(action + ":", action_width + 1) + " " +
                       std::to_string(s.ok) + " ok, " + std::to_string(s.error) + " error, " +
                       std::to_string(s.skipped) + " skipped";
    bool first = true;
    for (const auto& [status, samples] : s.to_status_by_status) {
      line += first ? "; " : ", ";
      line += "to " + status + " p50 " + format_duration_short(summarize_samples(one(samples)).p50);
      first = false;
    }
    out += line + "\n";
  }

  if (stats.error > 0) {
    std::size_t code_width = 0;
    for (const auto& [action, s] : stats.actions) {
      for (const auto& [code, count] : s.error_codes)
        code_width = std::max(code_width, code.size());
    }
    out += "errors\n";
    for (const auto& [action, s] : stats.actions) {
      for (const auto& [code, count] : s.error_codes) {
        out += "  " + pad_right(action, action_width) + "  " + pad_right(code, code_width) +
               "  HTTP " + std::to_string(s.error_http.at(code)) + "  x" + std::to_string(count) +
               "\n";
      }
    }
  }

  if (info.fingerprint) out += "fingerprint " + format_fingerprint(*info.fingerprint) + "\n";
  return out;
}

}  // namespace ecsim::analysis
