#include "registry.h"

#include <algorithm>

#include "calendar/calendartype.h"
#include "webhook/webhooktype.h"

namespace gs {

std::vector<std::string> bundledTypes()
{
    return {"calendar", "webhook"};
}

bool isBundledType(const std::string &type)
{
    const auto all = bundledTypes();
    return std::find(all.begin(), all.end(), type) != all.end();
}

std::unique_ptr<SourceType> makeSourceType(const std::string &type, const SourceEnvironment &env)
{
    if (type == "calendar")
        return std::make_unique<calendar::CalendarType>(env);
    if (type == "webhook")
        return std::make_unique<webhook::WebhookType>(env);
    return nullptr;
}

} // namespace gs
