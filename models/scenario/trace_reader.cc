#include "models/scenario/trace_reader.h"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <future>
#include <string_view>
#include <system_error>
#include <utility>

#include "models/lifecycle.h"

namespace ecsim::models {
namespace {

using nlohmann::json;

bool blank(const std::string& line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// The column of "key" in the raw line: where the problem is, as closely as the line tells.
int column_of(const std::string& line, const std::string& key) {
  const std::size_t pos = line.find('"' + key + '"');
  return pos == std::string::npos ? 1 : static_cast<int>(pos) + 1;
}

std::string scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  return v.dump();  // a float: JSON's own shortest spelling
}

// As the YAML parser flattens: objects by key, arrays by 1-based position (DiskDeviceMapping.1.Size).
void flatten(const std::string& key, const json& value, ApiRequest& request) {
  if (value.is_null()) return;
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) flatten(key + "." + it.key(), it.value(), request);
    return;
  }
  if (value.is_array()) {
    int n = 0;
    for (const json& item : value) {
      const std::string k = key + "." + std::to_string(++n);
      if (item.is_object() && item.empty()) request.params[k] = "";
      else flatten(k, item, request);
    }
    return;
  }
  request.params[key] = scalar_text(value);
}

// --- The fast path: a flat object of plain values -------------------------------------------

// One value of a flat line: a string without escapes (printable ASCII only, so it needs neither
// unescaping nor UTF-8 checks), or a number spelled as plain digits, possibly with a fraction.
struct FlatValue {
  enum class Kind { kString, kInteger, kDecimal } kind = Kind::kString;
  std::string_view text;  // the string's characters, or the number's spelling
};
struct FlatMember {
  std::string_view key;
  FlatValue value;
};

// Up to 16 members; longer lines take the JSON path.
struct FlatObject {
  std::array<FlatMember, 16> members;
  std::size_t size = 0;
};

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A string at line[i] == '"'; i ends past the closing quote.
bool flat_string(std::string_view line, std::size_t& i, std::string_view& out) {
  const std::size_t start = ++i;
  while (i < line.size()) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c == '"') {
      out = line.substr(start, i - start);
      ++i;
      return true;
    }
    if (c == '\\' || c < 0x20 || c > 0x7e) return false;
    ++i;
  }
  return false;
}

// Digits with no leading zero (JSON's rule), an optional fraction of at least one digit.
bool flat_number(std::string_view line, std::size_t& i, FlatValue& out) {
  const std::size_t start = i;
  auto digit = [&](std::size_t k) { return k < line.size() && line[k] >= '0' && line[k] <= '9'; };
  if (!digit(i)) return false;
  if (line[i] == '0' && digit(i + 1)) return false;
  while (digit(i)) ++i;
  out.kind = FlatValue::Kind::kInteger;
  if (i < line.size() && line[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
    out.kind = FlatValue::Kind::kDecimal;
  }
  // An exponent, or anything else glued on, is the JSON path's.
  if (i < line.size() && !json_space(line[i]) && line[i] != ',' && line[i] != '}') return false;
  out.text = line.substr(start, i - start);
  return true;
}

// The line as a flat object, or false when it is anything else (nesting, escapes, non-ASCII,
// true/false/null, negative numbers, exponents, duplicate keys, a malformed line).
bool parse_flat_object(std::string_view line, FlatObject& object) {
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < line.size() && json_space(line[i])) ++i;
  };
  skip_space();
  if (i >= line.size() || line[i] != '{') return false;
  ++i;
  skip_space();
  if (i < line.size() && line[i] == '}') return false;  // {}: no at, no Action
  for (;;) {
    skip_space();
    if (i >= line.size() || line[i] != '"' || object.size == object.members.size()) return false;
    FlatMember& m = object.members[object.size];
    if (!flat_string(line, i, m.key)) return false;
    for (std::size_t k = 0; k < object.size; ++k) {
      if (object.members[k].key == m.key) return false;
    }
    skip_space();
    if (i >= line.size() || line[i] != ':') return false;
    ++i;
    skip_space();
    if (i >= line.size()) return false;
    if (line[i] == '"') {
      m.value.kind = FlatValue::Kind::kString;
      if (!flat_string(line, i, m.value.text)) return false;
    } else if (!flat_number(line, i, m.value)) {
      return false;
    }
    ++object.size;
    skip_space();
    if (i >= line.size()) return false;
    if (line[i] == ',') {
      ++i;
      continue;
    }
    if (line[i] != '}') return false;
    ++i;
    skip_space();
    return i == line.size();
  }
}

}  // namespace

TraceContext trace_context(const ScenarioSpec& spec) {
  TraceContext c;
  c.start = spec.start;
  for (const ClientSpec& client : spec.clients) c.client_names.push_back(client.name);
  for (const WorkloadCallSpec& call : spec.workload) {
    if (call.name) c.call_names.insert(*call.name);
  }
  return c;
}

bool parse_trace_line_fast(const std::string& line, int line_number, const TraceContext& context,
                           std::set<std::string>& names, sim::SimTime last_at, WorkloadCallSpec& call) {
  FlatObject object;
  if (!parse_flat_object(line, object)) return false;
  WorkloadCallSpec out;
  out.pos = {line_number, 1};
  out.from_trace = true;
  bool has_at = false;
  for (std::size_t k = 0; k < object.size; ++k) {
    const std::string_view key = object.members[k].key;
    const FlatValue& v = object.members[k].value;
    // A reference needs the JSON path's checks.
    if (v.text.find("${") != std::string_view::npos) return false;
    if (key == "at") {
      std::optional<sim::SimTime> at;
      if (v.kind == FlatValue::Kind::kInteger) {
        // As the JSON path: whole seconds below 10^12 (at most 12 digits, no leading zero).
        if (v.text.size() > 12) return false;
        std::int64_t seconds = 0;
        std::from_chars(v.text.data(), v.text.data() + v.text.size(), seconds);
        at = sim::SimTime::zero() + sim::SimDuration::seconds(seconds);
      } else if (v.kind == FlatValue::Kind::kDecimal) {
        // from_chars rounds correctly, as the strtod behind the JSON path does: the same double.
        double seconds = 0;
        const auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), seconds);
        if (ec != std::errc() || end != v.text.data() + v.text.size() || !std::isfinite(seconds) || seconds >= 1e12)
          return false;
        at = sim::SimTime::zero() + sim::SimDuration::from_seconds_rounded(seconds);
      } else if (auto d = sim::parse_duration(v.text)) {
        at = sim::SimTime::zero() + *d;
      } else if (auto t = sim::parse_calendar_time(v.text); t && *t >= context.start) {
        at = sim::SimTime::zero() + (*t - context.start);
      }
      if (!at || *at < last_at) return false;
      out.at = *at;
      has_at = true;
    } else if (key == "name") {
      if (v.kind != FlatValue::Kind::kString || v.text.empty()) return false;
      out.name = std::string(v.text);
      if (context.call_names.contains(*out.name) || names.contains(*out.name)) return false;
    } else if (key == "client") {
      if (v.kind != FlatValue::Kind::kString) return false;
      std::optional<std::uint32_t> found;
      for (std::uint32_t c = 0; c < context.client_names.size(); ++c) {
        if (context.client_names[c] == v.text) found = c;
      }
      if (!found) return false;
      out.client = found;
    } else if (key == "Action") {
      if (v.kind != FlatValue::Kind::kString || v.text.empty()) return false;
      out.request.action = std::string(v.text);
    } else if (!key.empty() && key[0] >= 'A' && key[0] <= 'Z' &&
               (v.kind == FlatValue::Kind::kString || (v.kind == FlatValue::Kind::kInteger && v.text.size() <= 18))) {
      // A string as it is; an integer as JSON prints it, which is its spelling here (up to 18
      // digits: beyond 64 bits nlohmann reads a double and prints it in its own way).
      out.request.params.emplace(std::string(key), std::string(v.text));
    } else {
      return false;  // expect (an object), an unknown key, a parameter the JSON path respells
    }
  }
  if (!has_at || out.request.action.empty()) return false;
  if (out.name) names.insert(*out.name);
  call = std::move(out);
  return true;
}

bool parse_trace_line(const std::string& line, const std::string& file, int line_number, const TraceContext& context,
                      std::set<std::string>& names, sim::SimTime last_at, WorkloadCallSpec& call,
                      std::vector<ScenarioError>& errors) {
  if (parse_trace_line_fast(line, line_number, context, names, last_at, call)) return true;
  return parse_trace_line_json(line, file, line_number, context, names, last_at, call, errors);
}

bool parse_trace_line_json(const std::string& line, const std::string& file, int line_number,
                           const TraceContext& context, std::set<std::string>& names, sim::SimTime last_at,
                           WorkloadCallSpec& call, std::vector<ScenarioError>& errors) {
  const std::size_t errors_before = errors.size();
  auto error = [&](int col, std::string what, std::string expected) {
    errors.push_back(ScenarioError{file, line_number, col, std::move(what), std::move(expected)});
  };
  json j;
  try {
    j = json::parse(line);
  } catch (const json::parse_error& e) {
    const int col = e.byte == 0 ? 1 : static_cast<int>(e.byte);
    error(col, "not a JSON object: malformed JSON", "one JSON object per line, e.g. {\"at\": \"0s\", \"Action\": \"CreateImage\"}");
    return false;
  } catch (const json::exception&) {
    // Well-formed but unrepresentable, e.g. a number beyond a double's range (trace fuzzer
    // finding, 2026-11-23): nlohmann reports it as out_of_range, not as a parse_error.
    error(1, "not a JSON object: a value is out of range", "numbers within a double's range");
    return false;
  }
  if (!j.is_object()) {
    error(1, "a trace line must be a JSON object", "{\"at\": \"0s\", \"Action\": \"CreateImage\", ...}");
    return false;
  }
  call = WorkloadCallSpec{};
  call.pos = {line_number, 1};
  call.from_trace = true;
  bool has_at = false;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const json& v = it.value();
    const int col = column_of(line, key);
    if (key == "at") {
      has_at = true;
      std::optional<sim::SimTime> at;
      // Bounded so that seconds -> microseconds cannot overflow (about 31,700 years).
      if (v.is_number() && !v.is_number_float() && v.get<double>() >= 0 && v.get<double>() < 1e12) {
        at = sim::SimTime::zero() + sim::SimDuration::seconds(v.get<std::int64_t>());
      } else if (v.is_number_float() && std::isfinite(v.get<double>()) && v.get<double>() >= 0 && v.get<double>() < 1e12) {
        at = sim::SimTime::zero() + sim::SimDuration::from_seconds_rounded(v.get<double>());
      } else if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (auto d = sim::parse_duration(s)) {
          at = sim::SimTime::zero() + *d;
        } else if (auto t = sim::parse_calendar_time(s)) {
          if (*t < context.start) error(col, "call time " + s + " is before the scenario's start", "a time at or after start:");
          else at = sim::SimTime::zero() + (*t - context.start);
        }
      }
      if (!at) {
        if (errors.size() == errors_before || errors.back().line != line_number)
          error(col, "invalid time " + v.dump() + " for at", "a duration from the start such as \"90s\", an ISO 8601 time, or seconds");
      } else if (*at < last_at) {
        error(col, "call at " + v.dump() + " comes before the previous line's call", "calls in time order (a trace is a log)");
      } else {
        call.at = *at;
      }
    } else if (key == "name") {
      if (!v.is_string() || v.get<std::string>().empty()) {
        error(col, "name must be a non-empty string", "e.g. \"name\": \"nightly-1\"");
      } else {
        call.name = v.get<std::string>();
        if (context.call_names.contains(*call.name) || !names.insert(*call.name).second)
          error(col, "duplicate call name '" + *call.name + "'", "unique call names (across the scenario and its trace)");
      }
    } else if (key == "client") {
      std::optional<std::uint32_t> found;
      if (v.is_string()) {
        for (std::uint32_t c = 0; c < context.client_names.size(); ++c) {
          if (context.client_names[c] == v.get<std::string>()) found = c;
        }
      }
      if (!found) error(col, "client " + v.dump() + " is not defined", "a name under the scenario's clients:");
      call.client = found;
    } else if (key == "expect") {
      if (!v.is_object()) {
        error(col, "expect must be an object", "{\"code\": \"InvalidImageName.Duplicated\"} or {\"status\": \"Available\"}");
        continue;
      }
      Expectation e;
      e.pos = {line_number, col};
      for (auto f = v.begin(); f != v.end(); ++f) {
        const int fcol = column_of(line, f.key());
        if (f.key() == "code") {
          e.has_code = true;
          if (f->is_string()) e.code = f->get<std::string>();
          else if (!f->is_null()) error(fcol, "expect.code must be a string or null", "an error code, or null for success");
        } else if (f.key() == "http") {
          if (f->is_number_integer() && f->get<std::int64_t>() >= 100 && f->get<std::int64_t>() <= 599)
            e.http = static_cast<int>(f->get<std::int64_t>());
          else error(fcol, "expect.http must be an HTTP status", "an integer from 100 to 599");
        } else if (f.key() == "status") {
          if (f->is_string() && (parse_image_status(f->get<std::string>()) || parse_snapshot_status(f->get<std::string>())))
            e.status = f->get<std::string>();
          else error(fcol, "unknown status " + f->dump(), "Available, CreateFailed, Deleted, accomplished, failed, ...");
        } else if (f.key() == "within") {
          if (auto d = f->is_string() ? sim::parse_duration(f->get<std::string>()) : std::nullopt) e.within = *d;
          else error(fcol, "invalid duration " + f->dump() + " for expect.within", "a duration such as \"2h\"");
        } else {
          error(fcol, "unknown key '" + f.key() + "' in expect", "code, http, status, within");
        }
      }
      call.expect = e;
    } else if (key == "Action") {
      if (v.is_string() && !v.get<std::string>().empty()) call.request.action = v.get<std::string>();
      else error(col, "Action must be a non-empty string", "e.g. \"Action\": \"CreateImage\"");
    } else if (!key.empty() && key[0] >= 'A' && key[0] <= 'Z') {
      flatten(key, v, call.request);
    } else {
      error(col, "unknown key '" + key + "' in a trace call",
            "at, name, client, expect, Action, or an API parameter in Alibaba's spelling (e.g. RegionId)");
    }
  }
  if (!has_at) error(1, "a trace call needs 'at'", "a time such as \"0s\"");
  if (call.request.action.empty() && !j.contains("Action")) error(1, "a trace call needs an Action", "e.g. \"Action\": \"CreateImage\"");
  if (call.expect && call.expect->code && !call.request.action.empty()) {
    if (auto problem = unknown_code_problem(*call.expect->code, call.request.action))
      error(column_of(line, "code"), *problem, "a code from the error catalogue (ecsim errors)");
  }
  for (const auto& [k, v] : call.request.params) {
    std::size_t pos = 0;
    while ((pos = v.find("${", pos)) != std::string::npos) {
      const std::size_t end = v.find('}', pos);
      const int col = column_of(line, k.substr(0, k.find('.')));
      if (end == std::string::npos) {
        error(col, "unterminated reference in " + k, "${NAME.Field}");
        break;
      }
      const std::string ref = v.substr(pos + 2, end - pos - 2);
      const std::string name = ref.substr(0, ref.find('.'));
      if (ref.find('.') == std::string::npos) {
        error(col, "reference '${" + ref + "}' names no field", "${NAME.Field}, e.g. ${golden.ImageId}");
      } else if ((!names.contains(name) && !context.call_names.contains(name)) || (call.name && *call.name == name)) {
        error(col, "reference to '" + name + "', which no earlier call is named", "the name of an earlier call");
      }
      pos = end + 1;
    }
  }
  return errors.size() == errors_before;
}

namespace {

// What reading a stretch of a trace on its own found, for the stretch that follows it.
struct StretchCheck {
  bool clean = true;  // every line read without a problem, and none named or with a reference
  bool any = false;   // any call at all
  sim::SimTime first_at = sim::SimTime::zero();
  sim::SimTime last_at = sim::SimTime::zero();
};

// Reads the lines starting in bytes [begin, end) of the trace (begin: a line's start) as
// validate_trace does, the first one against time zero, and stops at the first line that is not
// clean: a problem, a name or a reference, which the stretch's own reading cannot judge.
StretchCheck check_stretch(const std::string& path, std::streamoff begin, std::streamoff end, const TraceContext& context) {
  StretchCheck r;
  std::ifstream in(path, std::ios::binary);
  in.seekg(begin);
  std::set<std::string> names;
  std::vector<ScenarioError> errors;
  WorkloadCallSpec call;
  std::string line;
  for (std::streamoff at = begin; at < end && std::getline(in, line);) {
    at += static_cast<std::streamoff>(line.size()) + 1;
    if (blank(line)) continue;
    if (line.find("${") != std::string::npos ||
        !parse_trace_line(line, path, 0, context, names, r.last_at, call, errors) || call.name) {
      r.clean = false;
      return r;
    }
    if (!r.any) r.first_at = call.at;
    r.any = true;
    r.last_at = call.at;
  }
  if (!in && !in.eof()) r.clean = false;
  return r;
}

// From this size on, validate_trace reads the two halves of a trace at once.
constexpr std::uintmax_t kSplitTraceFrom = std::uintmax_t{1} << 20;

}  // namespace

std::vector<ScenarioError> validate_trace(const std::string& path, const TraceContext& context, std::size_t max_errors) {
  // A large trace is read as two halves at once, the second on a helper thread (at 10^7 lines,
  // validating was several seconds of a replay). When both are clean and meet in time order, the
  // trace is: no line has a name, so no line's judgement depends on the other half. Anything else
  // is read again below, in order, for exactly the problems a reading in order reports.
  std::error_code size_error;
  const std::uintmax_t size = std::filesystem::file_size(path, size_error);
  if (!size_error && size >= kSplitTraceFrom) {
    std::ifstream in(path, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(size / 2));
    std::string partial;
    std::getline(in, partial);  // the rest of the line the middle falls in
    // At the end already (the middle is in the last line, with no newline after it), the second
    // half is empty; tellg() would say -1 there. A failed read leaves it to the reading in order.
    const std::streamoff split = in.eof() ? static_cast<std::streamoff>(size)
                                 : in     ? static_cast<std::streamoff>(in.tellg())
                                          : -1;
    if (split >= 0) {
      auto second = std::async(std::launch::async, check_stretch, std::cref(path), split,
                               static_cast<std::streamoff>(size), std::cref(context));
      const StretchCheck first = check_stretch(path, 0, split, context);
      const StretchCheck later = second.get();
      if (first.clean && later.clean && (!first.any || !later.any || later.first_at >= first.last_at)) return {};
    }
  }

  std::vector<ScenarioError> errors;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back(ScenarioError{path, 0, 0, "cannot open the trace", "a readable JSON-lines file"});
    return errors;
  }
  std::set<std::string> names;
  std::string line;
  int line_number = 0;
  std::size_t more = 0;
  sim::SimTime last_at = sim::SimTime::zero();
  std::vector<ScenarioError> line_errors;
  WorkloadCallSpec call;
  while (std::getline(in, line)) {
    ++line_number;
    if (blank(line)) continue;
    line_errors.clear();
    if (parse_trace_line(line, path, line_number, context, names, last_at, call, line_errors)) last_at = call.at;
    for (ScenarioError& e : line_errors) {
      if (errors.size() < max_errors) errors.push_back(std::move(e));
      else ++more;
    }
  }
  if (more > 0) {
    errors.push_back(ScenarioError{path, line_number, 1, std::to_string(more) + " more problems not shown",
                                   "a trace without errors"});
  }
  return errors;
}

namespace {

// Calls per batch, and batches read ahead: a few thousand calls, a few megabytes at most.
constexpr std::size_t kBatchCalls = 1024;
constexpr std::size_t kMaxReadyBatches = 4;

}  // namespace

TraceCallSource::TraceCallSource(const std::string& path, TraceContext context)
    : path_(path), context_(std::move(context)), in_(path, std::ios::binary) {
  if (!in_) errors_.push_back(ScenarioError{path_, 0, 0, "cannot open the trace", "a readable JSON-lines file"});
}

TraceCallSource::~TraceCallSource() {
  if (!reader_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  reader_.join();
}

std::optional<WorkloadCallSpec> TraceCallSource::next() {
  if (done_ || !errors_.empty()) return std::nullopt;  // stop at the first problem: the run ends there
  if (next_call_ == taking_.calls.size()) {
    if (taking_.last) {
      done_ = true;
      errors_ = std::move(taking_.errors);
      return std::nullopt;
    }
    if (!reader_.joinable()) reader_ = std::thread([this] { read_loop(); });
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !ready_.empty(); });
    taking_.calls.clear();
    spare_.push_back(std::move(taking_));
    taking_ = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();  // room to read ahead
    next_call_ = 0;
    lock.unlock();
    return next();  // the new batch may be empty (only the end of the trace)
  }
  return std::move(taking_.calls[next_call_++]);
}

void TraceCallSource::read_loop() {
  for (;;) {
    Batch batch;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return stopping_ || ready_.size() < kMaxReadyBatches; });
      if (stopping_) return;
      if (!spare_.empty()) {
        batch = std::move(spare_.back());
        spare_.pop_back();
      }
    }
    const bool more = read_batch(batch);
    {
      std::lock_guard lock(mutex_);
      ready_.push_back(std::move(batch));
    }
    changed_.notify_all();
    if (!more) return;
  }
}

bool TraceCallSource::read_batch(Batch& batch) {
  batch.calls.reserve(kBatchCalls);
  while (batch.calls.size() < kBatchCalls) {
    std::optional<WorkloadCallSpec> call = read_one(batch.errors);
    if (!call) {
      batch.last = true;
      return false;
    }
    batch.calls.push_back(std::move(*call));
  }
  return true;
}

std::optional<WorkloadCallSpec> TraceCallSource::read_one(std::vector<ScenarioError>& errors) {
  while (std::getline(in_, line_)) {
    ++line_number_;
    if (blank(line_)) continue;
    WorkloadCallSpec call;
    // validate_trace() checked the names and references; the trace's own names are not kept here,
    // so memory stays flat, and a reference to one of them is the one problem to let through.
    std::set<std::string> names;
    if (!parse_trace_line(line_, path_, line_number_, context_, names, last_at_, call, errors)) {
      std::erase_if(errors, [](const ScenarioError& e) { return e.what.starts_with("reference to '"); });
      if (!errors.empty()) return std::nullopt;
    }
    last_at_ = call.at;
    return call;
  }
  return std::nullopt;
}

}  // namespace ecsim::models
