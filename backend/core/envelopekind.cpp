#include "envelopekind.h"

#include <array>

namespace gs {

namespace {
constexpr std::array kKinds {EnvelopeKind::Argo, EnvelopeKind::CloudEventsBinary, EnvelopeKind::CloudEventsStructured};
}

std::string_view toString(EnvelopeKind kind)
{
    switch (kind) {
    case EnvelopeKind::Argo:
        return "argo-v0.10";
    case EnvelopeKind::CloudEventsBinary:
        return "cloudevents-binary";
    case EnvelopeKind::CloudEventsStructured:
        return "cloudevents-structured";
    }
    return "argo-v0.10";
}

std::optional<EnvelopeKind> parseEnvelopeKind(std::string_view name)
{
    for (EnvelopeKind k : kKinds) {
        if (toString(k) == name)
            return k;
    }
    return std::nullopt;
}

std::string envelopeKindChoices()
{
    return std::string(toString(EnvelopeKind::Argo)) + ", " + std::string(toString(EnvelopeKind::CloudEventsBinary)) + " or "
        + std::string(toString(EnvelopeKind::CloudEventsStructured));
}

} // namespace gs
