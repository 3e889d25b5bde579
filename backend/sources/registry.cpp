#include "registry.h"

#include <algorithm>

#include "amqp/amqptype.h"
#include "calendar/calendartype.h"
#include "kafka/kafkatype.h"
#include "mqtt/mqtttype.h"
#include "nats/natstype.h"
#include "webhook/webhooktype.h"

namespace gs {

std::vector<std::string> bundledTypes()
{
    return {"calendar", "webhook", "nats", "mqtt", "kafka", "amqp"};
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
    if (type == "nats")
        return std::make_unique<nats::NatsType>(env);
    if (type == "mqtt")
        return std::make_unique<mqtt::MqttType>(env);
    if (type == "kafka")
        return std::make_unique<kafka::KafkaType>(env);
    if (type == "amqp")
        return std::make_unique<amqp::AmqpType>(env);
    return nullptr;
}

} // namespace gs
