#pragma once
// An independent NATS client for tests, straight on cnats: subscribe and read, publish, and count
// what a JetStream stream captured (which does not depend on a subscriber being connected at the
// right moment). Header-only, so gs_testsupport does not link cnats; a test that includes this links
// PkgConfig::NATS itself.

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nats/nats.h>

#include <QString>

namespace gs::test {

struct NatsMessage {
    std::string subject;
    std::string data;
};

class NatsTestClient
{
public:
    /** Connects to `url`; reconnects forever, every 50 ms, and restores subscriptions. */
    explicit NatsTestClient(const QString &url)
    {
        natsOptions *o = nullptr;
        natsOptions_Create(&o);
        const std::string u = url.toStdString();
        natsOptions_SetURL(o, u.c_str());
        natsOptions_SetMaxReconnect(o, -1);
        natsOptions_SetReconnectWait(o, 50);
        natsOptions_SetReconnectJitter(o, 0, 0);
        natsOptions_SetReconnectedCB(o, &NatsTestClient::onReconnected, m_reconnects);
        m_status = natsConnection_Connect(&m_nc, o);
        natsOptions_Destroy(o);
        if (m_status != NATS_OK)
            m_nc = nullptr;
    }
    ~NatsTestClient()
    {
        for (auto *s : m_subs)
            natsSubscription_Destroy(s);
        if (m_js)
            jsCtx_Destroy(m_js);
        if (m_nc) {
            natsConnection_Close(m_nc);
            natsConnection_Destroy(m_nc);
        }
    }
    NatsTestClient(const NatsTestClient &) = delete;
    NatsTestClient &operator=(const NatsTestClient &) = delete;

    [[nodiscard]] bool connected() const { return m_nc && natsConnection_Status(m_nc) == NATS_CONN_STATUS_CONNECTED; }
    [[nodiscard]] QString error() const { return QString::fromUtf8(natsStatus_GetText(m_status)); }
    [[nodiscard]] int reconnects() const { return m_reconnects->load(); }
    [[nodiscard]] natsConnection *handle() const { return m_nc; }

    /** A synchronous subscription; confirmed by a flush, so later publishes reach it. */
    bool subscribe(const std::string &subject)
    {
        natsSubscription *sub = nullptr;
        if (!m_nc || natsConnection_SubscribeSync(&sub, m_nc, subject.c_str()) != NATS_OK)
            return false;
        m_subs.push_back(sub);
        return natsConnection_FlushTimeout(m_nc, 5000) == NATS_OK;
    }

    /** The next message of subscription `index` (in subscribe order), or nullopt after `timeout`. */
    std::optional<NatsMessage> next(std::chrono::milliseconds timeout, std::size_t index = 0)
    {
        if (index >= m_subs.size())
            return std::nullopt;
        natsMsg *msg = nullptr;
        if (natsSubscription_NextMsg(&msg, m_subs[index], timeout.count()) != NATS_OK)
            return std::nullopt;
        NatsMessage out {natsMsg_GetSubject(msg), std::string(natsMsg_GetData(msg), static_cast<std::size_t>(natsMsg_GetDataLength(msg)))};
        natsMsg_Destroy(msg);
        return out;
    }

    bool publish(const std::string &subject, const std::string &data)
    {
        return m_nc && natsConnection_Publish(m_nc, subject.c_str(), data.data(), static_cast<int>(data.size())) == NATS_OK
            && natsConnection_FlushTimeout(m_nc, 5000) == NATS_OK;
    }

    /** A file-backed JetStream stream capturing `subject` (the server needs -js). */
    bool addStream(const std::string &name, const std::string &subject)
    {
        if (!jetStream())
            return false;
        jsStreamConfig cfg;
        jsStreamConfig_Init(&cfg);
        cfg.Name = name.c_str();
        const char *subjects[] = {subject.c_str()};
        cfg.Subjects = subjects;
        cfg.SubjectsLen = 1;
        cfg.Storage = js_FileStorage;
        jsStreamInfo *si = nullptr;
        jsErrCode code {};
        const natsStatus s = js_AddStream(&si, m_js, &cfg, nullptr, &code);
        if (si)
            jsStreamInfo_Destroy(si);
        return s == NATS_OK;
    }

    /** Messages the stream holds, or -1 if it cannot be asked. */
    long long streamMessages(const std::string &name)
    {
        if (!jetStream())
            return -1;
        jsStreamInfo *si = nullptr;
        jsErrCode code {};
        if (js_GetStreamInfo(&si, m_js, name.c_str(), nullptr, &code) != NATS_OK || !si)
            return -1;
        const auto n = static_cast<long long>(si->State.Msgs);
        jsStreamInfo_Destroy(si);
        return n;
    }

    /** The data of every message the stream holds, in order. */
    std::vector<std::string> streamData(const std::string &name)
    {
        std::vector<std::string> out;
        const long long n = streamMessages(name);
        for (long long seq = 1; seq <= n; ++seq) {
            natsMsg *msg = nullptr;
            jsErrCode code {};
            if (js_GetMsg(&msg, m_js, name.c_str(), static_cast<uint64_t>(seq), nullptr, &code) != NATS_OK)
                continue;
            out.emplace_back(natsMsg_GetData(msg), static_cast<std::size_t>(natsMsg_GetDataLength(msg)));
            natsMsg_Destroy(msg);
        }
        return out;
    }

private:
    bool jetStream()
    {
        if (!m_js && m_nc)
            natsConnection_JetStream(&m_js, m_nc, nullptr);
        return m_js != nullptr;
    }
    static void onReconnected(natsConnection *, void *closure) { static_cast<std::atomic<int> *>(closure)->fetch_add(1); }

    natsConnection *m_nc = nullptr;
    natsStatus m_status = NATS_OK;
    std::vector<natsSubscription *> m_subs;
    jsCtx *m_js = nullptr;
    // cnats may run a queued callback after the connection is destroyed: the counter is never freed.
    std::atomic<int> *m_reconnects = new std::atomic<int>(0);
};

} // namespace gs::test
