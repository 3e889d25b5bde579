#include "schemas.h"

#include "amqp/amqpconfig.h"
#include "artifact/artifactconfig.h"
#include "calendar/calendarconfig.h"
#include "kafka/kafkaconfig.h"
#include "mqtt/mqttconfig.h"
#include "nats/natsconfig.h"
#include "resource/resourceconfig.h"
#include "webhook/webhookconfig.h"

namespace gs {

const std::vector<const schema::TypeSchema *> &sourceSchemas()
{
    static const std::vector<const schema::TypeSchema *> all {&calendar::schema(), &webhook::schema(), &resource::schema(),
        &artifact::schema(), &nats::schema(), &mqtt::schema(), &kafka::schema(), &amqp::schema()};
    return all;
}

const schema::TypeSchema *sourceSchema(std::string_view type)
{
    for (const auto *s : sourceSchemas()) {
        if (s->type == type)
            return s;
    }
    return nullptr;
}

const schema::TypeSchema &customSchema()
{
    static const schema::TypeSchema s = [] {
        schema::TypeSchema c;
        c.type = "custom";
        c.title = "Custom gateway";
        c.description = "Any YAML: a custom gateway's own server validates it.";
        c.reference = "spec §0 (custom gateways)";
        c.freeForm = true;
        return c;
    }();
    return s;
}

} // namespace gs
