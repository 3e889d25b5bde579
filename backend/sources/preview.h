#pragma once
// What the editor previews for an event source without running it: a calendar's next firings and
// a sample event of any type, as its gateway would produce it (spec §6: each type's payload).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/result.h"
#include "core/timefmt.h"

namespace gs::preview {

struct Firings {
    std::vector<std::string> lines; ///< RFC 3339 UTC, then local time and zone in parentheses
    std::optional<SysNanos> first; ///< the first firing, when there is one
};

/** The next `count` firings of a calendar source's config text after `from`. */
[[nodiscard]] Result<Firings> calendarFirings(std::string_view configText, SysNanos from, int count);

/**
 * A sample event of a source of `type` configured by `configText` (payload and metadata as that
 * type's server would send them; a sample body where the payload comes from outside). Invalid
 * configs still give a sample built from what can be read.
 */
[[nodiscard]] Event sampleEvent(
    std::string_view type, std::string_view configText, const std::string &gateway, const std::string &source, SysNanos at);

} // namespace gs::preview
