#pragma once
// The calendar event-source config: v0.10's keys (spec §6.1) with our semantics (decisions §4).

#include <string>

#include "core/result.h"
#include "schedule.h"
#include "spec/sourceconfig.h"

namespace gs::calendar {

struct Config {
    ScheduleInput schedule;
    std::string userPayloadJson = "null"; ///< the YAML value as JSON, ready to paste into the payload
};

/** Reads the keys; wrong kinds of values fail here. */
[[nodiscard]] Result<Config> parseConfig(const SourceConfig &raw);

/** The payload of one firing: {"eventTime", "localTime", "userPayload"} (decisions §4). */
[[nodiscard]] std::string firingPayload(SysNanos scheduled, const Zone &zone, const std::string &userPayloadJson);

} // namespace gs::calendar
