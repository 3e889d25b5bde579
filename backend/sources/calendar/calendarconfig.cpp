#include "calendarconfig.h"

#include "spec/yamljson.h"

namespace gs::calendar {

Result<Config> parseConfig(const SourceConfig &raw)
{
    Config c;
    for (auto [key, into] : {std::pair<std::string_view, std::string *> {"schedule", &c.schedule.schedule},
             {"interval", &c.schedule.interval}, {"timezone", &c.schedule.timezone}}) {
        auto v = raw.string(key);
        if (!v)
            return tl::unexpected(v.error());
        *into = v->value_or(std::string());
    }
    auto rec = raw.stringList("recurrence");
    if (!rec)
        return tl::unexpected(rec.error());
    c.schedule.recurrence = std::move(*rec);
    auto payload = yaml::toJson(raw.find("userPayload"), raw.path("userPayload"));
    if (!payload)
        return tl::unexpected(payload.error());
    c.userPayloadJson = std::move(*payload);
    return c;
}

std::string firingPayload(SysNanos scheduled, const Zone &zone, const std::string &userPayloadJson)
{
    const auto offset = zone.offsetAt(std::chrono::floor<std::chrono::seconds>(scheduled));
    std::string out;
    out.reserve(96 + userPayloadJson.size());
    out += R"({"eventTime":")";
    out += formatRfc3339(scheduled);
    out += R"(","localTime":")";
    out += formatRfc3339(scheduled, offset, false);
    out += R"(","userPayload":)";
    out += userPayloadJson;
    out += '}';
    return out;
}

} // namespace gs::calendar
