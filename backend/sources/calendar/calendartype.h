#pragma once
// The calendar gateway type: registry entry for "calendar" (spec §6.1, decisions §4).

#include <memory>
#include <mutex>

#include "calendarconfig.h"
#include "sources/sourcetype.h"

namespace gs::calendar {

class Scheduler;

class CalendarType final : public TypedSourceType<Config>
{
public:
    explicit CalendarType(SourceEnvironment env);
    ~CalendarType() override;

    [[nodiscard]] std::string name() const override { return "calendar"; }

    [[nodiscard]] const schema::TypeSchema &schema() const override { return calendar::schema(); }

protected:
    Config read(const schema::View &config) const override { return readConfig(config); }
    Result<std::unique_ptr<RunningSource>> run(const SourceSpec &spec, Config config, std::shared_ptr<Emitter> emitter) override;

private:
    SourceEnvironment m_env;
    std::mutex m_mutex;
    std::shared_ptr<Scheduler> m_scheduler; // created with the first source
};

} // namespace gs::calendar
