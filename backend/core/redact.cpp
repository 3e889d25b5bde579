#include "redact.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace gs {

namespace {

bool secretKey(std::string_view key)
{
    std::string lower(key);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static constexpr std::array<std::string_view, 7> kSecret {"pass", "pwd", "token", "secret", "key", "auth", "cred"};
    return std::any_of(kSecret.begin(), kSecret.end(), [&](std::string_view s) { return lower.find(s) != std::string::npos; });
}

std::string redactOne(std::string_view url)
{
    std::string out;
    const auto sep = url.find("://");
    const std::size_t authorityStart = sep == std::string_view::npos ? 0 : sep + 3;
    const auto pathStart = url.find_first_of("/?#", authorityStart);
    const std::size_t authorityEnd = pathStart == std::string_view::npos ? url.size() : pathStart;
    std::string_view authority = url.substr(authorityStart, authorityEnd - authorityStart);
    out.append(url.substr(0, authorityStart));
    // The last '@' ends the user-info: a password may itself contain '@'.
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        const std::string_view userInfo = authority.substr(0, at);
        const auto colon = userInfo.find(':');
        if (colon == std::string_view::npos)
            out += "***"; // a token, or a user name that may be one
        else
            out.append(userInfo.substr(0, colon)).append(":***");
        authority.remove_prefix(at);
    }
    out.append(authority);
    if (pathStart == std::string_view::npos)
        return out;
    const std::string_view rest = url.substr(pathStart);
    const auto q = rest.find('?');
    if (q == std::string_view::npos)
        return out.append(rest);
    out.append(rest.substr(0, q + 1));
    std::string_view query = rest.substr(q + 1);
    std::string_view fragment;
    if (const auto hash = query.find('#'); hash != std::string_view::npos) {
        fragment = query.substr(hash);
        query = query.substr(0, hash);
    }
    bool first = true;
    while (true) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        if (!first)
            out += '&';
        first = false;
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && secretKey(pair.substr(0, eq)))
            out.append(pair.substr(0, eq + 1)).append("***");
        else
            out.append(pair);
        if (amp == std::string_view::npos)
            break;
        query.remove_prefix(amp + 1);
    }
    return out.append(fragment);
}

/** Where the next URL of a list starts: a comma followed by `scheme://` (a password may hold a comma). */
std::size_t nextUrl(std::string_view url)
{
    for (auto comma = url.find(','); comma != std::string_view::npos; comma = url.find(',', comma + 1)) {
        std::size_t i = comma + 1;
        while (i < url.size() && (std::isalnum(static_cast<unsigned char>(url[i])) || url[i] == '+' || url[i] == '-' || url[i] == '.'))
            ++i;
        if (i > comma + 1 && url.substr(i, 3) == "://")
            return comma;
    }
    return std::string_view::npos;
}

} // namespace

std::string redactBrokerUrl(std::string_view url)
{
    std::string out;
    while (true) {
        const auto comma = nextUrl(url);
        out += redactOne(url.substr(0, comma));
        if (comma == std::string_view::npos)
            return out;
        out += ',';
        url.remove_prefix(comma + 1);
    }
}

} // namespace gs
