// Every rule of every event-source type, data-driven: tests/data/spec/rules/<type>.yaml holds
// valid and invalid configs with the exact diagnostics (severity, path, line, column, rule and
// message) and, where v0.10 answers, the exact ValidateEventSource reason. A coverage check makes
// sure each named rule, each required field and each field with allowed values has a case.

#include <set>

#include <QDirIterator>
#include <QTest>

#include "sources/registry.h"
#include "sources/schemas.h"
#include "spec/validator.h"
#include "spec/yaml.h"
#include "testsupport.h"

using namespace gs;

namespace {

struct Case {
    std::string type;
    std::string name;
    std::string config; ///< one source (per-source cases)
    std::vector<std::pair<std::string, std::string>> sources; ///< several sources (rules across sources)
    std::vector<Diagnostic> expected;
    std::optional<std::string> verdict;
};

std::string text(const yaml::Node &n)
{
    return schema::readString(n).value_or(std::string());
}

std::vector<Case> &cases()
{
    static std::vector<Case> all = [] {
        std::vector<Case> out;
        QDirIterator it(test::dataDir() + u"/spec/rules", {QStringLiteral("*.yaml")});
        QStringList files;
        while (it.hasNext())
            files << it.next();
        files.sort();
        for (const QString &file : files) {
            auto content = yaml::readFile(file.toStdString());
            if (!content)
                qFatal("%s", content.error().text().c_str());
            auto root = yaml::parseSingle(*content, file.toStdString());
            if (!root)
                qFatal("%s", root.error().text().c_str());
            const std::string type = text(root->get("type"));
            for (const auto &c : root->get("cases").items()) {
                Case k;
                k.type = type;
                k.name = text(c.get("name"));
                k.config = c.get("config").scalar();
                for (const auto &s : c.get("sources").entries())
                    k.sources.emplace_back(s.key.scalar(), s.value.scalar());
                for (const auto &e : c.get("expect").items()) {
                    Diagnostic d;
                    d.severity = text(e.get("severity")) == "warning" ? Severity::Warning : Severity::Error;
                    d.path = text(e.get("path"));
                    d.message = text(e.get("message"));
                    d.rule = text(e.get("rule"));
                    d.line = e.get("line").isDefined() ? std::stoi(text(e.get("line"))) : 0;
                    d.column = e.get("column").isDefined() ? std::stoi(text(e.get("column"))) : 0;
                    k.expected.push_back(d);
                }
                if (c.get("verdict").isDefined())
                    k.verdict = c.get("verdict").scalar();
                out.push_back(std::move(k));
            }
        }
        return out;
    }();
    return all;
}

QString show(const Diagnostic &d)
{
    return QStringLiteral("%1 %2:%3 %4 [%5] %6")
        .arg(QString::fromLatin1(toString(d.severity)))
        .arg(d.line)
        .arg(d.column)
        .arg(QString::fromStdString(d.path), QString::fromStdString(d.rule), QString::fromStdString(d.message));
}

/** The diagnostics of one case: per source with positions in the config, across sources through a ConfigMap. */
std::vector<Diagnostic> run(const Case &c)
{
    const auto *s = sourceSchema(c.type);
    if (c.sources.empty()) {
        auto checked = schema::checkText(*s, c.config);
        std::vector<Diagnostic> out = checked.report.diagnostics();
        for (auto &d : out) {
            d.line = d.start.valid() ? d.start.line + 1 : 0;
            d.column = d.start.valid() ? d.start.column + 1 : 0;
        }
        return out;
    }
    std::string cm
        = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels:\n    argo-events-event-source-version: v0.10\ndata:\n";
    for (const auto &[name, config] : c.sources) {
        cm += "  " + name + ": |\n";
        std::size_t start = 0;
        while (start < config.size()) {
            const auto nl = config.find('\n', start);
            cm += "    " + config.substr(start, nl - start) + "\n";
            start = nl == std::string::npos ? config.size() : nl + 1;
        }
    }
    ValidateOptions options;
    options.sourceSchema = [](std::string_view t) { return sourceSchema(t); };
    options.knownSchemas = sourceSchemas();
    options.type = c.type;
    auto out = validateFiles({{"cm.yaml", cm}}, options);
    // Only what concerns the sources; lines are those of the generated file.
    std::erase_if(out, [](const Diagnostic &d) { return d.path.rfind("data.", 0) != 0; });
    return out;
}

} // namespace

class TstSourceRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rules_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < cases().size(); ++i)
            QTest::newRow((cases()[i].type + ": " + cases()[i].name).c_str()) << static_cast<int>(i);
    }

    void rules()
    {
        QFETCH(int, index);
        const Case &c = cases()[static_cast<std::size_t>(index)];
        QVERIFY2(sourceSchema(c.type), c.type.c_str());
        const auto got = run(c);
        QStringList actual, expected;
        for (const auto &d : got)
            actual << show(d);
        for (const auto &d : c.expected) {
            // line/column 0 in a case: not checked
            auto match = std::find_if(got.begin(), got.end(), [&](const Diagnostic &g) {
                return g.severity == d.severity && g.path == d.path && g.message == d.message && (d.rule.empty() || g.rule == d.rule)
                    && (d.line == 0 || g.line == d.line) && (d.column == 0 || g.column == d.column);
            });
            expected << show(d);
            QVERIFY2(match != got.end(), qPrintable(u"missing: "_qs + show(d) + u"\nactual:\n"_qs + actual.join(u'\n')));
        }
        QVERIFY2(got.size() == c.expected.size(), qPrintable(u"unexpected diagnostics:\n"_qs + actual.join(u'\n')));
        if (c.verdict) {
            // The ValidateEventSource reason: the bundled runtime types answer through SourceType, the others from the schema.
            std::string reason;
            if (auto type = makeSourceType(c.type, {})) {
                reason = type->validate(SourceSpec {"1", "x", c.config, "v0.10"}).reason;
            } else {
                reason = schema::verdict(schema::checkText(*sourceSchema(c.type), c.config));
            }
            QCOMPARE(QString::fromStdString(reason), QString::fromStdString(*c.verdict));
        }
    }

    /** Each named rule, required field and field with allowed values of every type has a case that trips it. */
    void everyRuleHasACase()
    {
        std::set<std::string> seen; // "type rule" and "type rule path"
        for (const auto &c : cases()) {
            for (const auto &d : c.expected) {
                std::string path = d.path;
                if (path.rfind("data.", 0) == 0)
                    path = path.substr(path.find('.', 5) + 1);
                seen.insert(c.type + " " + d.rule);
                seen.insert(c.type + " " + d.rule + " " + path);
            }
        }
        QStringList missing;
        for (const auto *s : sourceSchemas()) {
            for (const auto &r : s->rules) {
                if (!seen.contains(s->type + " " + r.id))
                    missing << QString::fromStdString(s->type + ": rule " + r.id);
            }
            for (const auto &r : s->setRules) {
                if (!seen.contains(s->type + " " + r.id))
                    missing << QString::fromStdString(s->type + ": rule " + r.id);
            }
            const auto walk = [&](const auto &self, const std::vector<schema::Field> &fields, const std::string &prefix) -> void {
                for (const auto &f : fields) {
                    const std::string path = prefix.empty() ? f.key : prefix + "." + f.key;
                    if (f.required && !seen.contains(s->type + " required " + path))
                        missing << QString::fromStdString(s->type + ": required " + path);
                    if (f.kind == schema::Kind::Enum && !seen.contains(s->type + " enum " + path))
                        missing << QString::fromStdString(s->type + ": allowed values of " + path);
                    if (f.kind == schema::Kind::Object)
                        self(self, f.fields, path);
                }
            };
            walk(walk, s->fields, {});
            bool valid = false;
            for (const auto &c : cases())
                valid |= c.type == s->type && c.expected.empty();
            if (!valid)
                missing << QString::fromStdString(s->type + ": a valid case");
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TstSourceRules)
#include "tst_sourcerules.moc"
