// YAML 1.1 plain-scalar classes (what a YAML 1.1 reader such as Go's yaml.v2 would make of a value):
// the hand-written scanner must agree with the spec's regular expressions and survive huge scalars.

#include <regex>

#include <QTest>

#include "spec/yaml.h"

using namespace gs;
using yaml::Plain11;

namespace {

/** The yaml.org/type regular expressions, used here as the reference on short inputs. */
Plain11 reference(const std::string &s)
{
    static const std::regex boolRe("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    static const std::regex nullRe("~|null|Null|NULL|");
    static const std::regex intRe("[-+]?(0b[0-1_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)");
    static const std::regex floatRe("[-+]?(([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+"
                                    "|[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*)|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    if (std::regex_match(s, nullRe))
        return Plain11::Null;
    if (std::regex_match(s, boolRe))
        return Plain11::Bool;
    if (std::regex_match(s, intRe))
        return Plain11::Int;
    if (s != "." && std::regex_match(s, floatRe))
        return Plain11::Float;
    return Plain11::String;
}

} // namespace

class TstYamlScalar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownValues_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        const auto row = [](const char *t, Plain11 k) { QTest::newRow(t) << QString::fromUtf8(t) << static_cast<int>(k); };
        row("", Plain11::Null);
        row("~", Plain11::Null);
        row("yes", Plain11::Bool);
        row("OFF", Plain11::Bool);
        row("oN", Plain11::String);
        row("0777", Plain11::Int);
        row("0789", Plain11::String);
        row("0x1F_ff", Plain11::Int);
        row("0b101", Plain11::Int);
        row("190:20:30", Plain11::Int);
        row("1:60", Plain11::String);
        row("-12_000", Plain11::Int);
        row("1.5e3", Plain11::Float);
        row("1e3", Plain11::Float);
        row(".5", Plain11::Float);
        row("+.", Plain11::Float);
        row(".", Plain11::String);
        row("-.inf", Plain11::Float);
        row(".NaN", Plain11::Float);
        row("-.nan", Plain11::String);
        row("190:20:30.15", Plain11::Float);
        row("12:30", Plain11::Int);
        row("1.2.3", Plain11::String);
        row("POST", Plain11::String);
    }

    void knownValues()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QCOMPARE(static_cast<int>(yaml::classifyPlain11(text.toStdString())), kind);
        QCOMPARE(static_cast<int>(reference(text.toStdString())), kind);
    }

    // Every string of up to 4 characters over the alphabet that matters agrees with the regexes.
    void agreesWithTheSpecRegexes()
    {
        const std::string alphabet = "0159_:.+-eEbxXa";
        std::vector<std::string> level {""};
        int checked = 0;
        for (int len = 1; len <= 4; ++len) {
            std::vector<std::string> next;
            for (const auto &prefix : level) {
                for (char c : alphabet) {
                    const std::string s = prefix + c;
                    next.push_back(s);
                    if (yaml::classifyPlain11(s) != reference(s))
                        QFAIL(qPrintable(QStringLiteral("disagree on '%1'").arg(QString::fromStdString(s))));
                    ++checked;
                }
            }
            level = std::move(next);
        }
        QVERIFY(checked > 50000);
    }

    void hugeScalarsDoNotOverflowTheStack()
    {
        QCOMPARE(yaml::classifyPlain11(std::string(1 << 20, '7')), Plain11::Int);
        QCOMPARE(yaml::classifyPlain11("1." + std::string(1 << 20, '5')), Plain11::Float);
        QCOMPARE(yaml::classifyPlain11(std::string(1 << 20, 'a')), Plain11::String);
        std::string base60 = "1";
        for (int i = 0; i < 100000; ++i)
            base60 += ":30";
        QCOMPARE(yaml::classifyPlain11(base60), Plain11::Int);
    }
};

QTEST_GUILESS_MAIN(TstYamlScalar)
#include "tst_yamlscalar.moc"
