#pragma once
// The registry entry of one gateway type: how to validate a source's config and how to run it.
// Concrete types derive from TypedSourceType<Config> and name their schema, read the typed config
// and run it; the base owns the v0.10 validation protocol, so every type answers
// ValidateEventSource the same way and from the same schema the CLI and the editor use.

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "emitter.h"
#include "spec/schema.h"

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
    /**
     * Publishes `data` once to the broker, subject, topic or exchange a source with this config
     * listens to (`gwctl publish`, the app's "send test message"). Blocks for at most a few seconds.
     * Returns where it went, secrets masked. Only stream types have somewhere to publish.
     */
    [[nodiscard]] virtual Result<std::string> publishSample(const SourceSpec &spec, std::string_view data)
    {
        (void)spec;
        (void)data;
        return fail("a " + name() + " source does not read from a broker: there is nothing to publish to");
    }
};

/** Implements the validation protocol once for a type whose config reads into `Config`. */
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
        const auto checked = schema::checkText(schema(), spec.data);
        if (auto reason = schema::verdict(checked); !reason.empty())
            return {false, std::move(reason)};
        return {};
    }

    Result<std::unique_ptr<RunningSource>> start(const SourceSpec &spec, std::shared_ptr<Emitter> emitter) final
    {
        const auto checked = schema::checkText(schema(), spec.data);
        if (auto reason = schema::verdict(checked); !reason.empty())
            return fail(std::move(reason));
        return run(spec, read(checked.view), std::move(emitter));
    }

    Result<std::string> publishSample(const SourceSpec &spec, std::string_view data) override
    {
        const auto checked = schema::checkText(schema(), spec.data);
        if (auto reason = schema::verdict(checked); !reason.empty())
            return fail(std::move(reason));
        return publish(read(checked.view), data);
    }

    /** The schema every source of this type is checked against. */
    [[nodiscard]] virtual const schema::TypeSchema &schema() const = 0;

protected:
    /** Reads the typed config of a source the schema accepted. */
    virtual Config read(const schema::View &config) const = 0;
    /** Starts a source from a valid config. */
    virtual Result<std::unique_ptr<RunningSource>> run(const SourceSpec &spec, Config config, std::shared_ptr<Emitter> emitter) = 0;
    /** Publishes `data` where a source with `config` listens (see publishSample). */
    virtual Result<std::string> publish(const Config &config, std::string_view data)
    {
        (void)config;
        (void)data;
        return fail("a " + name() + " source does not read from a broker: there is nothing to publish to");
    }
};

} // namespace gs
