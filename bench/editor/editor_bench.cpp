// Editor keystroke-to-marker latency on a 1,000-line file, with Main.qml loaded (offscreen by
// default) and the editor on show. Real key events go to the YAML view: one deletes the last letter
// of a webhook's `method: POST` (an error marker must appear), the next types it back (the marker
// must go). Per keystroke it reports the GUI-thread time of the key press (text, highlighter,
// bindings) and of applying the analysis (problems, form, gutter, underlines), the wall time from
// the key press to the markers being updated and to the next frame, and the longest GUI-thread stall
// (a 1 ms timer's largest lateness). Runs with the editor's debounce and without it, side by side.
// Not a test: scripts/bench.sh editor runs it.

#include <algorithm>
#include <cstdio>
#include <vector>

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>

#include "appservices.h"
#include "guiwatchdog.h"

Q_IMPORT_QML_PLUGIN(GatewayStudioPlugin)

using namespace gs;
using gs::bench::runFor;
using gs::bench::Watchdog;

namespace {

/** A Gateway and a ConfigMap of `sources` commented webhook sources: about 9 lines per source. */
std::string makeFile(int sources)
{
    std::string out = "apiVersion: argoproj.io/v1alpha1\nkind: Gateway\nmetadata:\n  name: bench-gateway\n  labels:\n"
                      "    gateways.argoproj.io/gateway-controller-instanceid: argo-events\n    argo-events-gateway-version: v0.10\n"
                      "spec:\n  type: webhook\n  eventSource: bench-event-source\n  processorPort: \"9330\"\n  eventProtocol:\n"
                      "    type: HTTP\n    http:\n      port: \"9300\"\n  template:\n    spec:\n      containers: []\n"
                      "  watchers:\n    sensors:\n      - name: bench-sensor\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                      "  name: bench-event-source\n  labels:\n    argo-events-event-source-version: v0.10\ndata:\n";
    for (int i = 0; i < sources; ++i) {
        const std::string n = std::to_string(i);
        out += "  hook-" + n + ": |-\n    # source " + n + ": a CI hook\n    port: \"" + std::to_string(12000 + i / 10) + "\"\n    endpoint: /hook/" + n
            + "\n    method: POST\n    # limits beyond v0.10\n    maxBodySize: 65536\n    maskHeaders:\n      - X-Token\n";
    }
    return out;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void key(QQuickWindow *window, int k, const QString &text)
{
    QKeyEvent press(QEvent::KeyPress, k, Qt::NoModifier, text);
    QKeyEvent release(QEvent::KeyRelease, k, Qt::NoModifier, text);
    QCoreApplication::sendEvent(window, &press);
    QCoreApplication::sendEvent(window, &release);
}

struct Figures {
    std::vector<double> press, apply, gui, marker, frame, worker;
    qint64 maxStallUs = 0;
    int missed = 0;
};

Figures run(QQuickWindow *window, EditorDocument *editor, int keystrokes, int debounceMs)
{
    editor->setDebounceMs(debounceMs);
    Figures f;
    Watchdog watchdog;
    bool swapped = false;
    const auto frames = QObject::connect(window, &QQuickWindow::frameSwapped, [&] { swapped = true; });
    for (int i = 0; i < keystrokes; ++i) {
        const bool breaking = i % 2 == 0;
        bool analyzed = false;
        const auto conn = QObject::connect(editor, &EditorDocument::analyzed, [&] { analyzed = true; });
        QElapsedTimer t;
        t.start();
        if (breaking)
            key(window, Qt::Key_Backspace, QString());
        else
            key(window, Qt::Key_T, QStringLiteral("T"));
        const double pressMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
        // Until the markers say what the text says (an error after the deletion, none after the fix).
        while (!(analyzed && (editor->problems()->errors() > 0) == breaking) && t.elapsed() < 5000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 1);
        const double markerMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
        QObject::disconnect(conn);
        if (t.elapsed() >= 5000) {
            ++f.missed;
            continue;
        }
        swapped = false;
        window->requestUpdate();
        while (!swapped && t.elapsed() < 5000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 1);
        const QVariantMap timings = editor->timings();
        f.press.push_back(pressMs);
        f.apply.push_back(timings.value(QStringLiteral("applyMs")).toDouble());
        f.gui.push_back(pressMs + timings.value(QStringLiteral("applyMs")).toDouble());
        f.marker.push_back(markerMs);
        f.frame.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        f.worker.push_back(timings.value(QStringLiteral("workerMs")).toDouble());
        if (i == 0)
            watchdog.reset(); // the first keystroke's frame includes the first layout of the view
        runFor(20);
    }
    QObject::disconnect(frames);
    f.maxStallUs = watchdog.maxGapUs;
    return f;
}

void print(const char *title, const Figures &f)
{
    std::printf("%s (%zu keystrokes%s)\n", title, f.marker.size(), f.missed ? ", some never showed their marker" : "");
    auto row = [](const char *name, const std::vector<double> &v) {
        std::printf("  %-44s p50 %6.2f ms   p95 %6.2f ms   max %6.2f ms\n", name, percentile(v, 0.5), percentile(v, 0.95),
            v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()));
    };
    row("GUI thread: key press (text, highlight)", f.press);
    row("GUI thread: apply analysis (markers, form)", f.apply);
    row("GUI thread: total per keystroke", f.gui);
    row("worker: validate + form rows + previews", f.worker);
    row("wall: key press -> markers updated", f.marker);
    row("wall: key press -> next frame", f.frame);
    std::printf("  longest GUI-thread stall: %.1f ms\n", static_cast<double>(f.maxStallUs) / 1000.0);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    // Usage: gs_bench_editor [keystrokes] [sources]
    const QStringList args = app.arguments();
    const int keystrokes = args.size() > 1 ? args[1].toInt() : 200;
    const int sources = args.size() > 2 ? args[2].toInt() : 108;

    auto services = std::make_unique<AppServices>(1000);
    auto engine = std::make_unique<QQmlApplicationEngine>();
    engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine->load(QUrl(QStringLiteral("qrc:/qt/qml/GatewayStudio/Main.qml")));
    if (engine->rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine->rootObjects().constFirst());
    window->setProperty("view", QStringLiteral("editor"));
    EditorDocument *editor = services->editor.get();

    const std::string file = makeFile(sources);
    const long lineCount = std::count(file.begin(), file.end(), '\n');
    editor->setText(QString::fromStdString(file));
    editor->analyzeNow();
    runFor(1500);
    // The form shows a source in the middle of the file, as if the user were editing it.
    editor->setCurrentSection(2 + sources / 2);
    runFor(500);
    auto *area = window->findChild<QQuickItem *>(QStringLiteral("yamlArea"));
    if (!area) {
        std::fprintf(stderr, "editor bench: no YAML view\n");
        return 1;
    }
    area->forceActiveFocus();
    const std::string needle = "  hook-" + std::to_string(sources / 2) + ": |-";
    const std::size_t at = file.find("method: POST", file.find(needle)) + std::string("method: POST").size();
    area->setProperty("cursorPosition", static_cast<int>(QString::fromStdString(file.substr(0, at)).size()));
    const long line = std::count(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1;
    std::printf("editor: %ld-line file (%d webhook sources), typing at line %ld; %zu form rows; Main.qml loaded (%s)\n", lineCount, sources, line,
        static_cast<std::size_t>(editor->form()->count()), qPrintable(QGuiApplication::platformName()));

    print("with the editor's debounce (25 ms)", run(window, editor, keystrokes, 25));
    print("without debounce (analysis starts at once)", run(window, editor, keystrokes, 0));

    services->shutdown();
    qDeleteAll(engine->rootObjects());
    services.reset();
    engine.reset();
    return 0;
}
