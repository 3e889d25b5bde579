#pragma once
// The calendar event-source config: its schema (v0.10's keys, spec §6.1, with our semantics,
// decisions §4) and the typed config the runtime reads through it.

#include <string>

#include "core/result.h"
#include "schedule.h"
#include "spec/schema.h"

namespace gs::calendar {

struct Config {
    ScheduleInput schedule;
    std::string userPayloadJson = "null"; ///< the YAML value as JSON, ready to paste into the payload
};

/** The schema of a calendar source; its rule builds the schedule, so every cron, zone and EXDATE rule applies. */
[[nodiscard]] const schema::TypeSchema &schema();
/** The typed config of a source the schema accepted. */
[[nodiscard]] Config readConfig(const schema::View &view);
/** Checks `text` and reads it; the error is the v0.10-style verdict. */
[[nodiscard]] Result<Config> loadConfig(std::string_view text);

/** The payload of one firing: {"eventTime", "localTime", "userPayload"} (decisions §4). */
[[nodiscard]] std::string firingPayload(SysNanos scheduled, const Zone &zone, const std::string &userPayloadJson);

} // namespace gs::calendar
