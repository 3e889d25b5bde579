// MQTT topic filters (PC-20): our validator and matcher against libmosquitto's
// (mosquitto_sub_topic_check, mosquitto_topic_matches_sub) over every filter and topic of up to
// three levels built from a small alphabet, including '$' topics, empty levels and misplaced wildcards.

#include <mosquitto.h>

#include <QTest>

#include "sources/mqtt/topicfilter.h"

class TestTopicFilter : public QObject
{
    Q_OBJECT

    static std::vector<std::string> build(const std::vector<std::string> &alphabet, int maxLevels)
    {
        std::vector<std::string> out, layer {""};
        for (int depth = 1; depth <= maxLevels; ++depth) {
            std::vector<std::string> next;
            for (const auto &prefix : layer)
                for (const auto &a : alphabet)
                    next.push_back(depth == 1 ? a : prefix + "/" + a);
            out.insert(out.end(), next.begin(), next.end());
            layer = std::move(next);
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase() { mosquitto_lib_init(); }
    void cleanupTestCase() { mosquitto_lib_cleanup(); }

    void agreesWithLibmosquitto()
    {
        const auto filters = build({"a", "b", "+", "#", "$SYS", "", "a+", "a#"}, 3);
        const auto topics = build({"a", "b", "$SYS", ""}, 3);
        int valid = 0, compared = 0;
        // MQTT 3.1.1 §4.7.3: a filter is at least one character; mosquitto_sub_topic_check("") leaves that to its caller.
        QVERIFY(gs::mqtt::filterProblem(""));
        for (const auto &f : filters) {
            if (f.empty())
                continue;
            const bool oursValid = !gs::mqtt::filterProblem(f);
            const bool theirsValid = mosquitto_sub_topic_check(f.c_str()) == MOSQ_ERR_SUCCESS;
            QVERIFY2(oursValid == theirsValid, f.c_str());
            if (!oursValid)
                continue;
            ++valid;
            for (const auto &t : topics) {
                if (t.empty()) // not a topic (MQTT 3.1.1 §4.7.3: at least one character)
                    continue;
                bool theirs = false;
                QCOMPARE(mosquitto_topic_matches_sub(f.c_str(), t.c_str(), &theirs), MOSQ_ERR_SUCCESS);
                QVERIFY2(
                    gs::mqtt::topicMatches(f, t) == theirs, qPrintable(QString::fromStdString("filter '" + f + "' topic '" + t + "'")));
                ++compared;
            }
        }
        QVERIFY(valid > 100);
        qInfo() << valid << "valid filters," << compared << "filter/topic pairs agree with libmosquitto";
    }
};

QTEST_GUILESS_MAIN(TestTopicFilter)
#include "tst_topicfilter.moc"
