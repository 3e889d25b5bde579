#pragma once
// The app's services in dependency order, published as the QML singletons (registrations.h):
// the tap every gateway feeds, the live event model, the gateways, the demo and the editor.
// main.cpp, the QML tests and the GUI benchmarks build this same set, so none can miss one.

#include <cstddef>
#include <memory>

#include "controllers/democontroller.h"
#include "controllers/gatewaymanager.h"
#include "editor/editordocument.h"
#include "models/eventstreammodel.h"
#include "store/eventtap.h"

namespace gs {

struct AppServices {
    /** `capacity`: events the live view keeps; `queued`: events the tap holds before dropping. */
    explicit AppServices(std::size_t capacity = 100000, std::size_t queued = 200000);
    /** Clears the singleton instances, then destroys in reverse order. Call shutdown() and drop the QML first. */
    ~AppServices();
    AppServices(const AppServices &) = delete;
    AppServices &operator=(const AppServices &) = delete;

    /** Stops the demo and every gateway and detaches the models: before the window goes (house style rule 29). */
    void shutdown();

    std::shared_ptr<EventTap> tap;
    std::unique_ptr<EventStreamModel> events;
    std::unique_ptr<GatewayManager> gateways;
    std::unique_ptr<DemoController> demo;
    std::unique_ptr<EditorDocument> editor;
};

} // namespace gs
