#include "topicfilter.h"

#include <vector>

namespace gs::mqtt {

namespace {
std::vector<std::string_view> levels(std::string_view s)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const auto slash = s.find('/', start);
        out.push_back(s.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos)
            return out;
        start = slash + 1;
    }
}
} // namespace

std::optional<std::string> filterProblem(std::string_view filter)
{
    if (filter.empty())
        return "a topic filter is at least one character long";
    if (filter.size() > 65535)
        return "a topic filter is at most 65535 bytes long";
    if (filter.find('\0') != std::string_view::npos)
        return "a topic filter may not contain the NUL character";
    const auto parts = levels(filter);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto p = parts[i];
        if (p.find('#') != std::string_view::npos) {
            if (p != "#")
                return "'#' must occupy a whole level (write 'a/#', not 'a#')";
            if (i + 1 != parts.size())
                return "'#' must be the last level of a filter";
        }
        if (p.find('+') != std::string_view::npos && p != "+")
            return "'+' must occupy a whole level (write 'a/+/b', not 'a+')";
    }
    return std::nullopt;
}

bool topicMatches(std::string_view filter, std::string_view topic)
{
    // MQTT 3.1.1 §4.7.2: wildcards at the first level do not match topics beginning with '$'.
    if (!topic.empty() && topic.front() == '$' && !filter.empty() && (filter.front() == '+' || filter.front() == '#'))
        return false;
    const auto f = levels(filter);
    const auto t = levels(topic);
    std::size_t i = 0;
    for (; i < f.size(); ++i) {
        if (f[i] == "#")
            return true; // also matches the parent level ("sport/#" matches "sport")
        if (i >= t.size())
            return false;
        if (f[i] != "+" && f[i] != t[i])
            return false;
    }
    return i == t.size();
}

} // namespace gs::mqtt
