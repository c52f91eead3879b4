#pragma once

// The event handler behind decode(): Boost.JSON's basic_parser reads the text and calls these
// members; they write straight into the target struct through the sink tables (sink.hpp). No
// DOM is built. Problems that JSON itself allows (wrong kinds, unknown or repeated members) are
// recorded as violations and the value is skipped, so one pass reports all of them.

#include <partner_center/core/decode_options.hpp>
#include <partner_center/core/detail/decode_messages.hpp>
#include <partner_center/core/detail/sink.hpp>
#include <partner_center/core/json_pointer.hpp>
#include <partner_center/core/rules.hpp>
#include <partner_center/core/text.hpp>
#include <partner_center/core/violation.hpp>

#include <boost/json/basic_parser.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace partner_center::detail {

class decode_handler {
 public:
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

  decode_handler(const sink& root, void* target, report& out, const decode_options& options)
      : out_(out)
      , options_(options) {
    pending_ = {&root, target, false};
    root_name_ = "document";
  }

  using error_code = boost::system::error_code;
  using string_view = boost::json::string_view;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }

  bool on_object_begin(error_code&) {
    const target t = begin_value(json_kind::object);
    if (t.sink == nullptr)
      return true;
    if (t.sink->kind == sink_kind::map)
      t.sink->reset(t.where);
    push_frame(frame{t.sink, t.where, 0, 0, next_object_id_++});
    return true;
  }

  bool on_object_end(std::size_t, error_code&) {
    if (skip_depth_ > 0) {
      if (--skip_depth_ == 0)
        finish_value();
      return true;
    }
    pop_frame();
    finish_value();
    return true;
  }

  bool on_array_begin(error_code&) {
    const target t = begin_value(json_kind::array);
    if (t.sink == nullptr)
      return true;
    t.sink->reset(t.where);
    push_frame(frame{t.sink, t.where, 0, 0, 0});
    return true;
  }

  bool on_array_end(std::size_t, error_code&) { return on_object_end(0, ignored_); }

  bool on_key_part(string_view part, std::size_t, error_code&) {
    if (skip_depth_ == 0)
      key_.append(part.data(), part.size());
    return true;
  }

  bool on_key(string_view part, std::size_t, error_code&) {
    if (skip_depth_ > 0)
      return true;
    if (key_.empty()) {  // the common case: the key came in one piece, no copy needed
      resolve_key(std::string_view(part.data(), part.size()));
      return true;
    }
    key_.append(part.data(), part.size());
    resolve_key(key_);
    key_.clear();
    return true;
  }

  bool on_string_part(string_view part, std::size_t, error_code&) {
    if (!in_string_)
      start_string();
    append_string(part);
    return true;
  }

  bool on_string(string_view part, std::size_t, error_code&) {
    if (!in_string_) {
      start_string();
      // The common case: the whole value in one piece, assigned without a clear-then-append.
      if (string_sink_ != nullptr && string_sink_->kind == sink_kind::string) {
        static_cast<std::string*>(string_target_)->assign(part.data(), part.size());
      } else {
        append_string(part);
      }
    } else {
      append_string(part);
    }
    in_string_ = false;
    if (string_sink_ != nullptr && string_sink_->kind == sink_kind::enumeration) {
      if (!string_sink_->assign_enum(string_target_, enum_text_))
        report_enum();
    }
    const bool owned = string_sink_ != nullptr || string_skipped_;
    string_sink_ = nullptr;
    string_target_ = nullptr;
    string_skipped_ = false;
    if (owned)
      finish_value();
    return true;
  }

  bool on_number_part(string_view part, error_code&) {
    number_text_.append(part.data(), part.size());
    return true;
  }
  bool on_int64(std::int64_t i, string_view last, error_code&) {
    return number({json_number::form::signed_integer, i, 0, 0}, last);
  }
  bool on_uint64(std::uint64_t u, string_view last, error_code&) {
    return number({json_number::form::unsigned_integer, 0, u, 0}, last);
  }
  bool on_double(double d, string_view last, error_code&) {
    return number({json_number::form::floating, 0, 0, d}, last);
  }

  bool on_bool(bool b, error_code&) {
    const target t = begin_value(json_kind::boolean);
    if (t.sink != nullptr) {
      *static_cast<bool*>(t.where) = b;
      finish_value();
    }
    return true;
  }

  bool on_null(error_code&) { return scalar(json_kind::null); }

  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }

 private:
  struct target {
    const detail::sink* sink;  // nullptr: nothing to write (skipped, or already handled)
    void* where;
  };
  struct pending_value {
    const detail::sink* sink;
    // The member; for an element, the array it is appended to; for a map value, the map (the
    // key is map_key_).
    void* where;
    bool skip;  // an unknown or repeated member: the value is read and dropped
    value_role role = value_role::member;
  };
  struct frame {
    const detail::sink* sink;
    void* object;
    std::uint64_t seen;      // objects: members met so far
    std::size_t next_index;  // arrays: index of the next element; objects: of the member after
                             // the last one met, tried first (senders keep declaration order)
    std::size_t object_id;   // objects: tells apart frames for unknown-key bookkeeping
  };

  // Deeper than any described resource; the parser's own max_depth bounds skipped input.
  static constexpr std::size_t max_frames = json_path::max_depth;

  bool scalar(json_kind kind) {
    const target t = begin_value(kind);
    (void)t;  // a scalar that reached a sink was a type error, already reported
    return true;
  }

  // A number is checked against the member before anything is written, so a number that does
  // not fit leaves no default-made element or map entry behind.
  bool number(const json_number& n, string_view last) {
    std::string_view text(last.data(), last.size());
    if (!number_text_.empty()) {  // the number came in pieces
      number_text_.append(last.data(), last.size());
      text = number_text_;
    }
    const target t = begin_value(json_kind::number, &n, text);
    if (t.sink != nullptr) {
      t.sink->store(t.where, n);
      finish_value();
    }
    number_text_.clear();
    return true;
  }

  void start_string() {
    in_string_ = true;
    const target t = begin_value(json_kind::string);
    string_sink_ = t.sink;
    string_target_ = t.where;
    string_skipped_ = (t.sink == nullptr) && owns_skipped_scalar_;
    owns_skipped_scalar_ = false;
    if (string_sink_ != nullptr) {
      if (string_sink_->kind == sink_kind::string) {
        static_cast<std::string*>(string_target_)->clear();
      } else {
        enum_text_.clear();
      }
    }
  }

  void append_string(string_view part) {
    if (string_sink_ == nullptr)
      return;
    if (string_sink_->kind == sink_kind::string) {
      static_cast<std::string*>(string_target_)->append(part.data(), part.size());
    } else if (enum_text_.size() < 64) {  // no enumerator is longer; the rest cannot match
      enum_text_.append(part.data(), part.size());
    }
  }

  // Works out where the value that starts now goes. Returns a null sink when it goes nowhere:
  // inside a skipped subtree, a dropped member, null for an optional, or a type error.
  target begin_value(json_kind kind, const json_number* number = nullptr,
                     std::string_view number_text = {}) {
    owns_skipped_scalar_ = false;
    if (skip_depth_ > 0) {
      if (kind == json_kind::object || kind == json_kind::array)
        ++skip_depth_;
      return {nullptr, nullptr};
    }
    const pending_value p = take_pending();
    if (p.skip) {
      skip(kind);
      return {nullptr, nullptr};
    }
    const sink* s = p.sink;
    const sink* content = s->kind == sink_kind::optional ? s->inner : s;
    if (s->kind == sink_kind::optional && kind == json_kind::null) {
      s->reset(place(p));
      finish_value();
      return {nullptr, nullptr};
    }
    if (!accepts(*content, kind)) {
      // Nothing is written: a wrongly typed member stays absent instead of half-made.
      report_type(*content, kind, p.role);
      skip(kind);
      return {nullptr, nullptr};
    }
    if (number != nullptr && !content->fits(*number)) {
      report_number(*content, number_text, p.role);
      skip(kind);
      return {nullptr, nullptr};
    }
    void* where = place(p);
    if (s->kind == sink_kind::optional)
      where = s->engage(where);
    return {content, where};
  }

  // The storage of the value that starts now: the member itself, a new element of the array on
  // top, or the entry of a new key in the map on top (the path then borrows the map's key).
  void* place(const pending_value& p) {
    switch (p.role) {
      case value_role::member:
        return p.where;
      case value_role::element:
        return frames_[depth_ - 1].sink->engage(p.where);
      case value_role::map_value: {
        std::string_view stored;
        void* where = frames_[depth_ - 1].sink->insert(p.where, map_key_, &stored);
        path_.pop();
        path_.push(stored);
        return where;
      }
    }
    return p.where;
  }

  // Drops the value that starts now; its end calls finish_value().
  void skip(json_kind kind) {
    if (kind == json_kind::object || kind == json_kind::array) {
      skip_depth_ = 1;
    } else if (kind == json_kind::string) {
      owns_skipped_scalar_ = true;  // finished when on_string arrives
    } else {
      finish_value();
    }
  }

  static bool accepts(const sink& s, json_kind kind) noexcept {
    switch (s.kind) {
      case sink_kind::string:
      case sink_kind::enumeration:
        return kind == json_kind::string;
      case sink_kind::boolean:
        return kind == json_kind::boolean;
      case sink_kind::object:
        return kind == json_kind::object;
      case sink_kind::array:
        return kind == json_kind::array;
      case sink_kind::integer:
      case sink_kind::number:
        return kind == json_kind::number;
      case sink_kind::map:
        return kind == json_kind::object;
      case sink_kind::optional:
        return false;  // unwrapped before this is asked
    }
    return false;
  }

  // The member (or array element) whose value comes next.
  pending_value take_pending() {
    if (has_pending_) {
      has_pending_ = false;
      return pending_;
    }
    // Not after a key: the next element of the array on top, appended once its kind is right.
    frame& top = frames_[depth_ - 1];
    const std::size_t index = top.next_index++;
    path_.push(index);
    if (index >= options_.max_array_size) {
      if (index == options_.max_array_size) {
        path_.pop();
        out_.add(path_.str(), violation_code::limit,
                 too_many_message(options_.max_array_size, "elements"));
        path_.push(index);
      }
      return {nullptr, nullptr, true};
    }
    return {top.sink->inner, top.object, false, value_role::element};
  }

  void finish_value() {
    if (depth_ == 0)
      return;  // the root value is complete
    path_.pop();
    const frame& top = frames_[depth_ - 1];
    if (top.sink->kind == sink_kind::object)
      current_member_ = parent_member_of_top();
  }

  std::string_view parent_member_of_top() const noexcept {
    return depth_ > 0 ? member_of_frame_[depth_ - 1] : root_name_;
  }

  void push_frame(const frame& f) {
    if (depth_ == max_frames) {  // unreachable for described resources; refuse rather than crash
      out_.add(path_.str(), violation_code::limit, "nesting deeper than the decoder supports");
      skip_depth_ = 1;
      return;
    }
    member_of_frame_[depth_] = current_member_;
    frames_[depth_++] = f;
  }

  void pop_frame() {
    if (depth_ == 0)
      return;
    --depth_;
    current_member_ = member_of_frame_[depth_];
  }

  void resolve_key(std::string_view key) {
    frame& top = frames_[depth_ - 1];
    if (top.sink->kind == sink_kind::map) {
      resolve_map_key(top, key);
      return;
    }
    const auto& members = top.sink->members;
    const std::size_t guess = top.next_index;
    const int found = guess < members.size() && text::iequals(members[guess].name, key)
                          ? static_cast<int>(guess)
                          : top.sink->find_member(key);
    if (found >= 0) {
      const auto i = static_cast<std::size_t>(found);
      top.next_index = i + 1;
      const std::uint64_t bit = std::uint64_t{1} << i;
      path_.push(members[i].name);
      current_member_ = members[i].name;
      has_pending_ = true;
      if ((top.seen & bit) != 0) {
        out_.add(path_.str(), violation_code::duplicate_key,
                 repeated_member_message(members[i].name));
        pending_ = {nullptr, nullptr, true};
        return;
      }
      top.seen |= bit;
      pending_ = {members[i].target, members[i].locate(top.object), false};
      return;
    }
    report_unknown(top, key);
    path_.push(key);  // popped by finish_value like a known member
    has_pending_ = true;
    pending_ = {nullptr, nullptr, true};
  }

  // A key of a map is data: matched exactly, kept whatever it says. The path holds the key
  // (escaped per RFC 6901 when printed); once the value is accepted it borrows the map's copy.
  void resolve_map_key(frame& top, std::string_view key) {
    has_pending_ = true;
    map_key_.assign(key.data(), key.size());
    const std::size_t index = top.next_index++;
    if (index >= options_.max_array_size) {
      if (index == options_.max_array_size) {
        out_.add(path_.str(), violation_code::limit,
                 too_many_message(options_.max_array_size, "members"));
      }
      path_.push(map_key_);
      pending_ = {nullptr, nullptr, true};
      return;
    }
    path_.push(map_key_);
    if (top.sink->has_key(top.object, map_key_)) {
      out_.add(path_.str(), violation_code::duplicate_key, repeated_key_message(key));
      pending_ = {nullptr, nullptr, true};
      return;
    }
    pending_ = {top.sink->inner, top.object, false, value_role::map_value};
  }

  void report_unknown(const frame& top, std::string_view key) {
    // The object's id, then the folded key: one set serves every object of the document. A set,
    // not a list: a megabyte of distinct unknown keys took seconds to check against a list.
    std::string folded(reinterpret_cast<const char*>(&top.object_id), sizeof top.object_id);
    folded.reserve(folded.size() + key.size());
    for (const char c : key)
      folded += text::ascii_lower(c);
    if (!unknown_keys_.insert(std::move(folded)).second) {
      out_.add(unknown_member_path(key), violation_code::duplicate_key,
               repeated_unknown_member_message(key));
      return;
    }
    out_.add(unknown_member_path(key), violation_code::unknown_field,
             unknown_member_message(key, options_.strict),
             options_.strict ? severity::error : severity::warning);
  }

  std::string unknown_member_path(std::string_view key) const {
    return key.size() <= max_key_in_path ? path_.str_with(key) : path_.str();
  }

  std::string_view name_for_message() const noexcept {
    return current_member_.empty() ? root_name_ : current_member_;
  }

  void report_number(const sink& s, std::string_view text, value_role role) {
    out_.add(path_.str(), violation_code::type,
             unfit_number_message(role, name_for_message(), s.expected, text));
  }

  void report_type(const sink& s, json_kind kind, value_role role) {
    out_.add(path_.str(), violation_code::type,
             wrong_kind_message(role, name_for_message(), s.expected, describe_kind(kind)));
  }

  void report_enum() {
    out_.add(path_.str(), violation_code::not_supported,
             unknown_enumerator_message(name_for_message(), enum_text_, string_sink_->enum_names));
  }

  report& out_;
  const decode_options& options_;
  json_path path_;
  std::array<frame, max_frames> frames_{};
  std::array<std::string_view, max_frames> member_of_frame_{};
  std::size_t depth_ = 0;
  std::size_t skip_depth_ = 0;
  std::size_t next_object_id_ = 0;
  pending_value pending_{};
  bool has_pending_ = true;
  std::string_view current_member_;
  std::string_view root_name_;
  bool in_string_ = false;
  bool owns_skipped_scalar_ = false;
  bool string_skipped_ = false;
  const sink* string_sink_ = nullptr;
  void* string_target_ = nullptr;
  std::string key_;
  std::string map_key_;
  std::string number_text_;
  std::string enum_text_;
  std::unordered_set<std::string> unknown_keys_;
  error_code ignored_;
};

}  // namespace partner_center::detail
