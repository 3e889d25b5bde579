#pragma once
// A small, strict, lossless JSON (RFC 8259) reader and writer. Numbers keep their original text,
// so a payload re-emitted inside an envelope is byte-for-byte the same value (minus whitespace).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "result.h"

namespace gs::json {

struct Value;
struct Member;
using Array = std::vector<Value>;
/** Members in order, duplicates kept. (Not std::pair: clang with libstdc++ 12 cannot instantiate a
 *  pair holding the variant that holds it.) */
using Object = std::vector<Member>;

/** A number as it was written (validated against the JSON grammar). */
struct Number {
    std::string text;
};

struct Value {
    std::variant<std::nullptr_t, bool, Number, std::string, Array, Object> v;

    // Defined below the struct: clang instantiates the variant's members only once Value is complete.
    [[nodiscard]] bool isNull() const;
    [[nodiscard]] bool isString() const;
    [[nodiscard]] bool isObject() const;
    [[nodiscard]] const std::string *string() const;
    [[nodiscard]] const Object *object() const;
    /** The first member called `key` of an object, or nullptr. */
    [[nodiscard]] const Value *member(std::string_view key) const;
};

/** One member of an object; `first` and `second` as in the std::pair it used to be. */
struct Member {
    std::string first;
    Value second;
};

inline bool Value::isNull() const
{
    return std::holds_alternative<std::nullptr_t>(v);
}
inline bool Value::isString() const
{
    return std::holds_alternative<std::string>(v);
}
inline bool Value::isObject() const
{
    return std::holds_alternative<Object>(v);
}
inline const std::string *Value::string() const
{
    return std::get_if<std::string>(&v);
}
inline const Object *Value::object() const
{
    return std::get_if<Object>(&v);
}

/** Limits for hostile input. */
inline constexpr int kMaxDepth = 256;

/** Parses one JSON text (surrounding whitespace allowed). Errors name the byte offset. */
[[nodiscard]] Result<Value> parse(std::string_view text);

/** True when `text` is exactly one valid JSON value (surrounding whitespace allowed). */
[[nodiscard]] bool isValid(std::string_view text);

/** How strings are escaped: Go's encoding/json also escapes <, > and & (HTML-safe). */
enum class Escaping { Standard, GoHtmlSafe };

/** Appends `s` as a JSON string literal. Invalid UTF-8 becomes U+FFFD, as Go does. */
void appendString(std::string &out, std::string_view s, Escaping esc = Escaping::Standard);

/** Appends the compact form of `value`. */
void append(std::string &out, const Value &value, Escaping esc = Escaping::Standard);

/** `value` with `indent` spaces per level, members in their order and numbers as written (for display). */
[[nodiscard]] std::string writeIndented(const Value &value, int indent = 4);

/** The compact form of `value`. */
[[nodiscard]] std::string write(const Value &value, Escaping esc = Escaping::Standard);

/** True if `s` is valid UTF-8 (no surrogates, no overlongs). */
[[nodiscard]] bool isValidUtf8(std::string_view s);

/** The code point of the valid UTF-8 sequence at `s[i]` into `cp`, and its length; 0 if none starts there. */
[[nodiscard]] std::size_t decodeUtf8At(std::string_view s, std::size_t i, std::uint32_t &cp);

/** The first member name an object gives twice, or empty (also for non-objects). */
[[nodiscard]] std::string duplicateMember(const Value &v);

/** `s` with every byte that starts no valid UTF-8 sequence replaced by U+FFFD. */
[[nodiscard]] std::string toValidUtf8(std::string_view s);

} // namespace gs::json
