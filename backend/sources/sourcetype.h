#pragma once
// The registry entry of one gateway type: how to validate a source's config and how to run it.
// Concrete types derive from TypedSourceType<Config> and implement parse, check and run; the base
// owns the v0.10 validation protocol so every type answers ValidateEventSource the same way.

#include <memory>
#include <string>

#include "core/result.h"
#include "emitter.h"
#include "spec/sourceconfig.h"

namespace gs {

/** One event source as the gRPC call carries it (mirrors the proto's EventSource without depending on it). */
struct SourceSpec {
    std::string id;
    std::string name;
    std::string data;
    std::string version;
};

/** Where and how servers run: shared by every source of a server. */
struct SourceEnvironment {
    std::string bindAddress = "127.0.0.1"; ///< for sources that listen (webhook)
    std::string secretsDir; ///< `--secrets-dir`: Kubernetes Secret refs as DIR/NAME/KEY
    int ioThreads = 2;
};

/** The answer to ValidateEventSource. */
struct Verdict {
    bool valid = true;
    std::string reason;
};

/** A source that is running. Destroying it stops it; after the destructor returns it emits nothing. */
class RunningSource
{
public:
    virtual ~RunningSource() = default;
};

inline constexpr char kEventSourceVersion[] = "v0.10";

class SourceType
{
public:
    virtual ~SourceType() = default;
    [[nodiscard]] virtual std::string name() const = 0;
    /** The v0.10 checks in order: version, parse, semantics (spec §1.3). Never throws. */
    [[nodiscard]] virtual Verdict validate(const SourceSpec &spec) const = 0;
    /** Validates, then starts the source, which emits into `emitter` until destroyed. */
    [[nodiscard]] virtual Result<std::unique_ptr<RunningSource>> start(const SourceSpec &spec, std::shared_ptr<Emitter> emitter) = 0;
};

/** Implements the validation protocol once for a type whose config parses into `Config`. */
template<class Config>
class TypedSourceType : public SourceType
{
public:
    Verdict validate(const SourceSpec &spec) const final
    {
        if (spec.version != kEventSourceVersion)
            return {false,
                "event source version mismatch. gateway expects " + std::string(kEventSourceVersion) + " version, and provided version is "
                    + spec.version};
        auto cfg = load(spec);
        if (!cfg)
            return {false, cfg.error().message};
        return {};
    }

    Result<std::unique_ptr<RunningSource>> start(const SourceSpec &spec, std::shared_ptr<Emitter> emitter) final
    {
        auto cfg = load(spec);
        if (!cfg)
            return tl::unexpected(cfg.error());
        return run(spec, std::move(*cfg), std::move(emitter));
    }

protected:
    /** Reads the typed config; type errors only (wrong kinds of values). */
    virtual Result<Config> parse(const SourceConfig &config) const = 0;
    /** Semantic rules on a parsed config. */
    virtual Result<void> check(const Config &config) const = 0;
    /** Starts a source from a valid config. */
    virtual Result<std::unique_ptr<RunningSource>> run(const SourceSpec &spec, Config config, std::shared_ptr<Emitter> emitter) = 0;

private:
    /** Parse and check with v0.10's wording: "failed to parse/validate event source. err: ...". */
    Result<Config> load(const SourceSpec &spec) const
    {
        auto raw = SourceConfig::parse(spec.data);
        if (!raw)
            return fail("failed to parse event source. err: " + raw.error().text());
        if (raw->isNull())
            return fail("failed to validate event source. err: event source can't be nil");
        if (auto m = raw->requireMapping().and_then([&] { return raw->requireDistinctKeys(); }); !m)
            return fail("failed to parse event source. err: " + m.error().text());
        auto cfg = parse(*raw);
        if (!cfg)
            return fail("failed to parse event source. err: " + cfg.error().text());
        if (auto ok = check(*cfg); !ok)
            return fail("failed to validate event source. err: " + ok.error().text());
        return cfg;
    }
};

} // namespace gs
