#pragma once
// The project's result type: a value or an Error that says what went wrong and where.

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace gs {

/** A failure with a human-readable message; `where` locates it (file:line:col or a field path). */
struct Error {
    std::string message;
    std::string where;

    /** "where: message", or just the message when there is no location. */
    [[nodiscard]] std::string text() const { return where.empty() ? message : where + ": " + message; }
};

template<class T>
using Result = tl::expected<T, Error>;

/** Shorthand for returning a failure: `return fail("port can't be empty");` */
inline tl::unexpected<Error> fail(std::string message, std::string where = {})
{
    return tl::unexpected<Error>(Error {std::move(message), std::move(where)});
}

} // namespace gs
