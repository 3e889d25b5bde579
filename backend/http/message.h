#pragma once
// Plain HTTP request/response values exchanged between the HTTP server and its handlers.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gs::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

/** Case-insensitive ASCII comparison of header names. */
[[nodiscard]] bool headerNameEquals(std::string_view a, std::string_view b);

struct Request {
    std::string method;
    std::string target; ///< as sent: path plus optional query
    std::string path; ///< target up to '?'
    std::string query; ///< after '?', without it
    Headers headers;
    std::string body;
    std::string remote; ///< peer address:port

    /** The first header called `name` (case-insensitive), or empty. */
    [[nodiscard]] std::string header(std::string_view name) const;
    [[nodiscard]] bool hasHeader(std::string_view name) const;
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    bool close = false; ///< close the connection after this response

    static Response text(int status, std::string body);
};

/**
 * What a handler decides once it has seen the request head: answer at once (the body, if any, is not
 * read and the connection is closed), or read a body of at most `bodyLimit` bytes and continue.
 */
struct HeadDecision {
    std::optional<Response> respondNow;
    std::uint64_t bodyLimit = 0;
    std::function<Response(Request &&)> onBody;

    static HeadDecision respond(Response r) { return HeadDecision {std::move(r), 0, {}}; }
    static HeadDecision readBody(std::uint64_t limit, std::function<Response(Request &&)> next)
    {
        return HeadDecision {std::nullopt, limit, std::move(next)};
    }
};

/** A request target split the way Go's net/http does: the path %-decoded, the query kept raw. */
struct Target {
    std::string path;
    std::string query;
};

/**
 * Parses an origin-form ("/a/b?x") or absolute-form ("http://host/a/b?x") request target. Empty when
 * the target is neither or holds a bad %-escape or a decoded NUL.
 */
[[nodiscard]] std::optional<Target> parseTarget(std::string_view target);

/** Go's path.Clean for URL paths: one slash between elements, no "." or "..", trailing slash kept. */
[[nodiscard]] std::string cleanPath(std::string_view path);

/** %-escapes what may not appear literally in a URL path (for a Location header). */
[[nodiscard]] std::string escapePath(std::string_view path);

/** Serves requests for one listener. Called on I/O threads: must be thread-safe and must not block. */
class Handler
{
public:
    virtual ~Handler() = default;
    /** `head` has no body yet. */
    virtual HeadDecision onHead(const Request &head) = 0;
};

} // namespace gs::http
