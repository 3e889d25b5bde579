#include "calendarconfig.h"

#include "spec/yamljson.h"

namespace gs::calendar {

namespace {

using schema::Field;

ScheduleInput scheduleInput(const schema::View &v)
{
    ScheduleInput in;
    in.schedule = v.text("schedule");
    in.interval = v.text("interval");
    in.timezone = v.text("timezone");
    in.recurrence = v.strings("recurrence");
    return in;
}

/** "recurrence[2]: text" -> {2, "text"}; -1 when the text names no entry. */
std::pair<int, std::string> recurrenceIndex(const std::string &text)
{
    if (text.rfind("recurrence[", 0) != 0)
        return {-1, text};
    const auto close = text.find("]: ");
    if (close == std::string::npos)
        return {-1, text};
    return {std::stoi(text.substr(11, close - 11)), text.substr(close + 3)};
}

/** Builds the schedule exactly as the runtime will, and reports at the field the problem is in. */
void checkSchedule(const schema::View &v, schema::Report &r)
{
    const auto point = [&](const std::string &field, int item) -> std::pair<yaml::Node, std::string> {
        if (item >= 0) {
            const auto &items = v.at("recurrence").items();
            const auto node = static_cast<std::size_t>(item) < items.size() ? items[static_cast<std::size_t>(item)] : v.where("recurrence");
            return {node, v.path("recurrence") + "[" + std::to_string(item) + "]"};
        }
        if (field.empty())
            return {v.node(), v.path()};
        return {v.where(field), v.path(field)};
    };
    auto s = Schedule::build(scheduleInput(v));
    if (!s) {
        const Error &e = s.error();
        std::string field;
        int item = -1;
        if (e.where == "timezone")
            field = "timezone";
        else if (e.where.rfind("recurrence[", 0) == 0)
            item = std::stoi(e.where.substr(11));
        else if (e.message.rfind("failed to parse interval", 0) == 0)
            field = "interval";
        else if (e.message.rfind("failed to parse schedule", 0) == 0)
            field = "schedule";
        const auto [node, path] = point(field, item);
        // Messages about schedule and interval are v0.10's and name their field; the others get the path.
        if (e.where.empty())
            r.v010(node, path, e.message, "calendar.schedule");
        else
            r.error(node, path, e.message, "calendar.schedule");
        return;
    }
    for (const auto &w : s->warnings()) {
        const auto [item, text] = recurrenceIndex(w);
        const auto [node, path] = point(item >= 0 ? std::string() : (v.has("schedule") ? "schedule" : "interval"), item);
        r.warning(node, path, text, "calendar.schedule");
    }
}

void checkUserPayload(const schema::View &v, schema::Report &r)
{
    if (auto json = yaml::toJson(v.at("userPayload"), v.path("userPayload")); !json) {
        std::string path = json.error().where.empty() ? v.path("userPayload") : json.error().where;
        r.error(v.where("userPayload"), path, json.error().message, "calendar.user-payload");
    }
}

schema::TypeSchema makeSchema()
{
    schema::TypeSchema s;
    s.type = "calendar";
    s.title = "Calendar";
    s.description = "Fires on a cron schedule or at an interval, in a time zone, minus excluded dates.";
    s.reference = "spec §6.1, decisions §4";
    s.modernSection = "calendar";
    s.fields = {
        Field::string("schedule")
            .eg("\"0 * * * *\"")
            .doc("Cron expression: minute hour day-of-month month day-of-week; also @hourly, @daily, @every 90s and a CRON_TZ=<zone> "
                 "prefix. Wins over interval."),
        Field::string("interval").eg("10s").doc("Go duration between firings, at least 1s (e.g. 90s, 1h30m)."),
        Field::string("timezone")
            .eg("Europe/Berlin")
            .doc("Time zone of the tz database (default: the local zone); offsets such as UTC+9 are refused."),
        Field::list("recurrence")
            .modern("exclusionDates")
            .doc("EXDATE lines: EXDATE:20261224T000000Z skips that date, EXDATE;VALUE=DATE:20261224 too, "
                 "EXDATE;TZID=Europe/Berlin:20261224T090000 skips one firing."),
        Field::any("userPayload").doc("Any YAML value; copied into every event's payload as JSON."),
    };
    s.templateKeys = {"schedule", "timezone"};
    s.rules = {
        {"calendar.schedule", "schedule or interval is given and valid, with a valid timezone and EXDATE lines", checkSchedule},
        {"calendar.user-payload", "userPayload has a JSON form", checkUserPayload},
    };
    return s;
}

} // namespace

const schema::TypeSchema &schema()
{
    static const schema::TypeSchema s = makeSchema();
    return s;
}

Config readConfig(const schema::View &v)
{
    Config c;
    c.schedule = scheduleInput(v);
    c.userPayloadJson = yaml::toJson(v.at("userPayload"), v.path("userPayload")).value_or("null");
    return c;
}

Result<Config> loadConfig(std::string_view text)
{
    return schema::loadTyped(schema(), &readConfig, text);
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
