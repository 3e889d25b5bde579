#include "message.h"

#include <algorithm>
#include <cctype>

namespace gs::http {

bool headerNameEquals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

std::string Request::header(std::string_view name) const
{
    for (const auto &[k, v] : headers) {
        if (headerNameEquals(k, name))
            return v;
    }
    return {};
}

bool Request::hasHeader(std::string_view name) const
{
    return std::any_of(headers.begin(), headers.end(), [&](const auto &h) { return headerNameEquals(h.first, name); });
}

Response Response::text(int status, std::string body)
{
    Response r;
    r.status = status;
    r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
    r.body = std::move(body);
    return r;
}

} // namespace gs::http
