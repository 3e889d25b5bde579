#pragma once
// The app's services as QML singletons (house style rules 10-12): main.cpp, the composition root,
// constructs them and sets `instance` before loading QML; QML only ever sees these typed names.

#include <QJSEngine>
#include <QQmlEngine>
#include <QtQmlIntegration>

#include "controllers/democontroller.h"
#include "controllers/gatewaymanager.h"
#include "editor/editordocument.h"
#include "models/eventstreammodel.h"

namespace gs {

/**
 * Defines a singleton wrapper `Name` for an instance of `Class` owned by C++ (Itinerary's pattern).
 * `Class` is fully qualified: qmltyperegistrar matches the foreign type by its spelling.
 */
#define GS_SINGLETON_INSTANCE(Class, Name) \
    struct Name##Singleton { \
        Q_GADGET \
        QML_FOREIGN(Class) \
        QML_NAMED_ELEMENT(Name) \
        QML_SINGLETON \
    public: \
        inline static Class *instance = nullptr; \
        static Class *create(QQmlEngine *, QJSEngine *) \
        { \
            Q_ASSERT(instance); \
            QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership); \
            return instance; \
        } \
    };

/** `Events`: the live event stream of every running gateway. */
GS_SINGLETON_INSTANCE(gs::EventStreamModel, Events)
/** `Gateways`: starts, stops and lists the gateways. */
GS_SINGLETON_INSTANCE(gs::GatewayManager, Gateways)
/** `Demo`: the built-in demo set. */
GS_SINGLETON_INSTANCE(gs::DemoController, Demo)
/** `Editor`: the Gateway/ConfigMap file open in the editor. */
GS_SINGLETON_INSTANCE(gs::EditorDocument, Editor)

#undef GS_SINGLETON_INSTANCE

} // namespace gs
