#pragma once
// Which envelope a gateway delivers its events in (decisions §2): chosen per Gateway by the
// `gateway-studio/envelope` annotation, overridden by `--envelope`.

#include <optional>
#include <string>
#include <string_view>

namespace gs {

enum class EnvelopeKind {
    Argo, ///< argo-v0.10: Argo's own JSON (spec §4.5), the default
    CloudEventsBinary, ///< CloudEvents 1.0 HTTP binary mode: ce-* headers, body = payload
    CloudEventsStructured, ///< CloudEvents 1.0 JSON format, application/cloudevents+json
};

/** The name users write: argo-v0.10, cloudevents-binary, cloudevents-structured. */
[[nodiscard]] std::string_view toString(EnvelopeKind kind);

/** Parses a name written by toString (exact, lower-case); nullopt otherwise. */
[[nodiscard]] std::optional<EnvelopeKind> parseEnvelopeKind(std::string_view name);

/** "argo-v0.10, cloudevents-binary or cloudevents-structured", for messages. */
[[nodiscard]] std::string envelopeKindChoices();

} // namespace gs
