// gateway-studio: the desktop app's composition root (house style rule 12). It builds the services
// in dependency order, hands them to QML as singletons, loads Main.qml, and tears down in reverse:
// stop gateways -> drain -> destroy the window and models -> destroy the QML engine (rule 29).

#include <cstdio>
#include <string_view>
#include <memory>

#include <QCommandLineParser>
#include <QDirIterator>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QPalette>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>

#include "appservices.h"
#include "core/logging.h"
#include "spec/manifests.h"
#include "store/eventtap.h"

Q_IMPORT_QML_PLUGIN(GatewayStudioPlugin)

using namespace Qt::StringLiterals;

namespace {

const QUrl kMainUrl(u"qrc:/qt/qml/GatewayStudio/Main.qml"_s);

/** A dark palette for --palette dark (Qt 6.4 has no colour-scheme API; the platform theme may give one). */
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2e), base(0x1e, 0x1e, 0x20), text(0xe8, 0xe8, 0xea), mid(0x55, 0x55, 0x5a);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x39));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0xa0));
    p.setColor(QPalette::Mid, mid);
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x1a));
    p.setColor(QPalette::Light, QColor(0x45, 0x45, 0x4a));
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6a, 0xa8, 0xff));
    p.setColor(QPalette::Disabled, QPalette::Text, mid);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, mid);
    p.setColor(QPalette::Disabled, QPalette::WindowText, mid);
    return p;
}

/** --self-test: every QML file of the module must compile; Main.qml must also instantiate. */
int selfTest(QQmlApplicationEngine &engine)
{
    int failures = 0, files = 0;
    QDirIterator it(u":/qt/qml/GatewayStudio"_s, {u"*.qml"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        ++files;
        QQmlComponent component(&engine, QUrl(u"qrc"_s + path));
        if (component.isError()) {
            ++failures;
            for (const auto &e : component.errors())
                std::fprintf(stderr, "self-test: %s\n", qPrintable(e.toString()));
        }
    }
    if (engine.rootObjects().isEmpty()) {
        std::fprintf(stderr, "self-test: Main.qml did not load\n");
        ++failures;
    }
    std::fprintf(stderr, "self-test: %d QML files, %d failed\n", files, failures);
    return failures == 0 && files > 0 ? 0 : 1;
}

/** --screenshot: once events are visible (or after 10 s), show `view`, render, save as PNG, quit. */
void scheduleScreenshot(QQuickWindow *window, gs::EventStreamModel *events, gs::GatewayManager *gateways, gs::EditorDocument *editor,
    const QString &file, const QString &view)
{
    const bool detail = view == u"detail" || view == u"tree" || view == u"envelope" || view == u"deliveries";
    window->setProperty("view", detail ? u"events"_s : view);
    auto *poll = new QTimer(window);
    auto analyzed = std::make_shared<bool>(false); // the editor's file has been checked (also when it does not parse)
    QObject::connect(editor, &gs::EditorDocument::analyzed, window, [analyzed] { *analyzed = true; });
    auto *started = new QElapsedTimer;
    started->start();
    QObject::connect(poll, &QTimer::timeout, window, [=] {
        const bool ready = view == u"gateways" ? gateways->gateways()->count() > 0 && started->elapsed() > 2500
            : view == u"editor"                ? *analyzed && started->elapsed() > 1500
                                               : events->count() > 0;
        if (!ready && started->elapsed() < 10000)
            return;
        poll->stop();
        delete started;
        if (detail && events->count() > 0) {
            const int tab = view == u"tree" ? 1 : view == u"envelope" ? 2 : view == u"deliveries" ? 3 : 0;
            if (!QMetaObject::invokeMethod(window, "selectRow", Q_ARG(int, events->count() - 1))
                || !QMetaObject::invokeMethod(window, "showDetailTab", Q_ARG(int, tab)))
                std::fprintf(stderr, "screenshot: could not select the newest event\n");
        }
        // Let a few frames pass so the view has laid out what it shows.
        QTimer::singleShot(700, window, [=] {
            const QImage image = window->grabWindow();
            const bool ok = !image.isNull() && image.save(file, "PNG");
            std::fprintf(stderr, "%s %s (%dx%d, %d events)\n", ok ? "saved" : "could not save", qPrintable(file), image.width(), image.height(),
                events->count());
            QCoreApplication::exit(ok ? 0 : 1);
        });
    });
    poll->start(100);
}

} // namespace

/** --self-test, --screenshot, --help and --version need no screen: without a display they run offscreen. */
static void renderOffscreenWithoutDisplay(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY"))
        return;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a(argv[i]);
        if (a == "--self-test" || a == "--screenshot" || a.starts_with("--screenshot=") || a == "--help" || a == "-h" || a == "--version"
            || a == "-v") {
            qputenv("QT_QPA_PLATFORM", "offscreen");
            return;
        }
    }
}

int main(int argc, char *argv[])
{
    renderOffscreenWithoutDisplay(argc, argv);
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(u"gateway-studio"_s);
    QGuiApplication::setApplicationDisplayName(u"Gateway Studio"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(GS_VERSION));
    QGuiApplication::setOrganizationDomain(u"gatewaystudio.dev"_s);
    QGuiApplication::setDesktopFileName(u"dev.gatewaystudio.GatewayStudio"_s);
    QGuiApplication::setWindowIcon(QIcon(u":/qt/qml/GatewayStudio/icons/gateway-studio.svg"_s));

    QCommandLineParser p;
    p.setApplicationDescription(u"Run Argo Events v0.10 gateways on this machine and watch their events live."_s);
    p.addHelpOption();
    p.addVersionOption();
    p.addOptions({
        {u"demo"_s, u"Run the built-in demo set: a webhook gateway fed by a generator, and a calendar gateway."_s},
        {u"gateway"_s, u"Open this v0.10 Gateway file (repeatable, pairs with --event-sources)."_s, u"file"_s},
        {u"event-sources"_s, u"The event-source ConfigMap file for the --gateway before it (default: the Gateway's file)."_s, u"file"_s},
        {u"sink"_s, u"Also deliver every gateway's events to this URL (repeatable)."_s, u"url"_s},
        {u"resolve"_s, u"Deliver to watcher NAME at URL instead of its in-cluster address (repeatable)."_s, u"NAME=URL"_s},
        {u"capacity"_s, u"Events kept in the live view before the oldest are dropped (default 100000)."_s, u"n"_s, u"100000"_s},
        {u"interval"_s, u"Seconds between the demo generator's events (default 3; 0 turns it off)."_s, u"seconds"_s, u"3"_s},
        {u"palette"_s, u"Use a light or dark palette instead of the system's."_s, u"light|dark"_s},
        {u"self-test"_s, u"Load every QML file, then exit 0 if all loaded."_s},
        {u"screenshot"_s, u"Render the window to this PNG once events are visible (or after 10 s), then exit."_s, u"file"_s},
        {u"view"_s, u"With --screenshot: the view to show (events, detail, tree, envelope, deliveries, gateways, editor)."_s, u"name"_s,
            u"events"_s},
        {u"edit"_s, u"Open this Gateway/ConfigMap file in the editor."_s, u"file"_s},
        {u"new"_s, u"Start the editor on a new gateway of this type (calendar, webhook, ...)."_s, u"type"_s},
        {u"section"_s, u"With --edit or --new: the editor section to show first (0 is the first document)."_s, u"n"_s, u"0"_s},
        {u"log-level"_s, u"debug, info, warning or error (default warning)."_s, u"level"_s, u"warning"_s},
    });
    p.process(app);
    if (!gs::setLogLevel(p.value(u"log-level"_s))) {
        std::fprintf(stderr, "gateway-studio: --log-level: expected debug, info, warning or error\n");
        return 2;
    }
    bool ok = false;
    const int capacity = p.value(u"capacity"_s).toInt(&ok);
    if (!ok || capacity < 1) {
        std::fprintf(stderr, "gateway-studio: --capacity: expected a positive number\n");
        return 2;
    }
    const double interval = p.value(u"interval"_s).toDouble(&ok);
    if (!ok || interval < 0) {
        std::fprintf(stderr, "gateway-studio: --interval: expected a number of seconds\n");
        return 2;
    }
    const QString view = p.value(u"view"_s);
    if (!QStringList {u"events"_s, u"detail"_s, u"tree"_s, u"envelope"_s, u"deliveries"_s, u"gateways"_s, u"editor"_s}.contains(view)) {
        std::fprintf(stderr, "gateway-studio: --view: expected events, detail, tree, envelope, deliveries, gateways or editor\n");
        return 2;
    }
    const QStringList gatewayFiles = p.values(u"gateway"_s), sourceFiles = p.values(u"event-sources"_s);
    if (sourceFiles.size() > gatewayFiles.size()) {
        std::fprintf(stderr, "gateway-studio: --event-sources: give one per --gateway\n");
        return 2;
    }
    // Services, in dependency order: the tap every gateway feeds, the models and controllers.
    auto services = std::make_unique<gs::AppServices>(static_cast<std::size_t>(capacity));
    auto &events = services->events;
    auto &gateways = services->gateways;
    auto &demo = services->demo;
    auto &editor = services->editor;
    std::vector<std::string> sinks;
    for (const auto &s : p.values(u"sink"_s))
        sinks.push_back(s.toStdString());
    gateways->setExtraSinks(sinks);
    std::map<std::string, std::string> resolve;
    for (const auto &r : p.values(u"resolve"_s)) {
        const qsizetype eq = r.indexOf(u'=');
        if (eq <= 0 || eq == r.size() - 1) {
            std::fprintf(stderr, "gateway-studio: --resolve: expected NAME=URL\n");
            return 2;
        }
        resolve[r.left(eq).toStdString()] = r.mid(eq + 1).toStdString();
    }
    gateways->setResolve(std::move(resolve));

    auto engine = std::make_unique<QQmlApplicationEngine>();
    engine->addImportPath(u"qrc:/qt/qml"_s);
    engine->load(kMainUrl);
    // After loading: Qt Quick Controls' theme takes the platform palette when it starts and follows
    // application palette changes from then on.
    if (p.value(u"palette"_s) == u"dark")
        QGuiApplication::setPalette(darkPalette());
    else if (p.value(u"palette"_s) == u"light")
        QGuiApplication::setPalette(QPalette(QColor(0xef, 0xef, 0xef)));
    if (p.isSet(u"self-test"_s))
        return selfTest(*engine);
    if (engine->rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine->rootObjects().constFirst());

    // Work that may take a while starts after the window is up.
    for (qsizetype i = 0; i < gatewayFiles.size(); ++i) {
        const QString cm = i < sourceFiles.size() ? sourceFiles[i] : QString();
        gateways->openFiles(QUrl::fromLocalFile(gatewayFiles[i]), cm.isEmpty() ? QUrl() : QUrl::fromLocalFile(cm));
    }
    if (p.isSet(u"demo"_s)) {
        if (auto r = demo->start(std::chrono::milliseconds(static_cast<long long>(interval * 1000))); !r)
            gateways->reportError(QObject::tr("The demo did not start: %1").arg(QString::fromStdString(r.error().text())));
        else
            std::fprintf(stderr, "Gateway Studio demo: webhook gateway 'demo-webhook' listening on %s (POST)\n", qPrintable(demo->webhookUrl()));
    }
    if (p.isSet(u"new"_s)) {
        editor->newFromTemplate(p.value(u"new"_s));
        if (!editor->lastError().isEmpty()) {
            std::fprintf(stderr, "gateway-studio: --new: %s\n", qPrintable(editor->lastError()));
            return 2;
        }
    } else if (p.isSet(u"edit"_s)) {
        const QString file = p.value(u"edit"_s);
        if (!QFileInfo(file).isFile()) {
            std::fprintf(stderr, "gateway-studio: --edit: %s: %s\n", qPrintable(file), QFileInfo::exists(file) ? "not a regular file" : "no such file");
            return 2;
        }
        editor->open(QUrl::fromLocalFile(file));
    }
    if (p.isSet(u"new"_s) || p.isSet(u"edit"_s)) {
        if (window)
            window->setProperty("view", u"editor"_s);
        const int section = p.value(u"section"_s).toInt();
        // Sections are known once the first analysis is in.
        QObject::connect(editor.get(), &gs::EditorDocument::sectionsChanged, editor.get(), [ed = editor.get(), section] {
            if (section > 0 && section < ed->sections().size() && ed->currentSection() != section)
                ed->setCurrentSection(section);
        });
    }
    if (p.isSet(u"screenshot"_s) && window)
        scheduleScreenshot(window, events.get(), gateways.get(), editor.get(), p.value(u"screenshot"_s), view);

    const int rc = QGuiApplication::exec();

    // Teardown in reverse (rule 29).
    services->shutdown();
    qDeleteAll(engine->rootObjects()); // the window and its bindings go before the objects they bind to
    services.reset();
    engine.reset();
    return rc;
}
