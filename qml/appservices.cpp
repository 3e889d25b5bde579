#include "appservices.h"

#include "registrations.h"

namespace gs {

AppServices::AppServices(std::size_t capacity, std::size_t queued)
    : tap(std::make_shared<EventTap>(queued))
    , events(std::make_unique<EventStreamModel>(tap, capacity))
    , gateways(std::make_unique<GatewayManager>(tap))
    , demo(std::make_unique<DemoController>(gateways.get()))
    , editor(std::make_unique<EditorDocument>(gateways.get()))
{
    EventsSingleton::instance = events.get();
    GatewaysSingleton::instance = gateways.get();
    DemoSingleton::instance = demo.get();
    EditorSingleton::instance = editor.get();
}

AppServices::~AppServices()
{
    EventsSingleton::instance = nullptr;
    GatewaysSingleton::instance = nullptr;
    DemoSingleton::instance = nullptr;
    EditorSingleton::instance = nullptr;
    editor.reset();
    demo.reset();
    gateways.reset();
    events.reset();
}

void AppServices::shutdown()
{
    demo->stop();
    gateways->stopAll();
    events->detach();
    (void)tap->take();
}

} // namespace gs
