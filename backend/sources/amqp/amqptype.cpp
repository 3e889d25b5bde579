#include "amqptype.h"

#include <amqp.h>
#include <amqp_ssl_socket.h>
#include <amqp_tcp_socket.h>
#include <sys/time.h>

#include "core/logging.h"
#include "core/redact.h"

namespace gs::amqp {

namespace {

amqp_bytes_t bytes(const std::string &s)
{
    return amqp_bytes_t {s.size(), const_cast<char *>(s.data())};
}

std::string text(amqp_bytes_t b)
{
    return b.len ? std::string(static_cast<const char *>(b.bytes), b.len) : std::string();
}

/** The broker's words for a channel or connection close: "406 PRECONDITION_FAILED - inequivalent arg ...". */
std::string closeText(const amqp_method_t &m)
{
    if (m.id == AMQP_CHANNEL_CLOSE_METHOD) {
        const auto *c = static_cast<const amqp_channel_close_t *>(m.decoded);
        return std::to_string(c->reply_code) + " " + text(c->reply_text);
    }
    if (m.id == AMQP_CONNECTION_CLOSE_METHOD) {
        const auto *c = static_cast<const amqp_connection_close_t *>(m.decoded);
        return std::to_string(c->reply_code) + " " + text(c->reply_text);
    }
    return "unexpected method " + std::to_string(m.id);
}

std::string replyText(const amqp_rpc_reply_t &r)
{
    switch (r.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return {};
    case AMQP_RESPONSE_NONE:
        return "no reply from the broker";
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        return amqp_error_string2(r.library_error);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        return closeText(r.reply);
    }
    return "unknown reply";
}

/** Resolved settings of one source (credentials never logged). */
struct Connection {
    Config config;
    std::string username; ///< from `auth` (else the URL's)
    std::string password;
    bool hasAuth = false;
};

Result<Connection> resolve(const Config &c, const std::string &secretsDir)
{
    Connection out {c, c.username, {}, !c.username.empty()};
    if (c.password) {
        auto p = resolveSecret(*c.password, secretsDir);
        if (!p)
            return fail("auth.password: " + p.error().text());
        out.password = std::move(*p);
    }
    return out;
}

/** One AMQP connection with channel 1 open. */
class Link
{
public:
    ~Link() { close(); }

    /** Connects, logs in and opens channel 1. */
    tl::expected<void, std::string> open(const Connection &c)
    {
        std::string url = c.config.url; // amqp_parse_url writes into its buffer
        amqp_connection_info info {};
        amqp_default_connection_info(&info);
        if (amqp_parse_url(url.data(), &info) != AMQP_STATUS_OK)
            return tl::unexpected(std::string("the URL is not an amqp:// or amqps:// URL rabbitmq-c can read"));
        m_conn = amqp_new_connection();
        const bool ssl = info.ssl || c.config.tls.has_value();
        amqp_socket_t *socket = ssl ? amqp_ssl_socket_new(m_conn) : amqp_tcp_socket_new(m_conn);
        if (!socket)
            return tl::unexpected(std::string("cannot create a socket"));
        if (ssl) {
            const auto &tls = c.config.tls;
            if (tls && !tls->caCertPath.empty() && amqp_ssl_socket_set_cacert(socket, tls->caCertPath.c_str()) != AMQP_STATUS_OK)
                return tl::unexpected("cannot read tls.caCertPath " + tls->caCertPath);
            if (tls && !tls->clientCertPath.empty()
                && amqp_ssl_socket_set_key(socket, tls->clientCertPath.c_str(), tls->clientKeyPath.c_str()) != AMQP_STATUS_OK)
                return tl::unexpected("cannot read tls.clientCertPath/clientKeyPath " + tls->clientCertPath);
            const bool verify = !(tls && tls->insecureSkipVerify);
            amqp_ssl_socket_set_verify_peer(socket, verify);
            amqp_ssl_socket_set_verify_hostname(socket, verify);
        }
        timeval connectTimeout {5, 0};
        if (const int rc = amqp_socket_open_noblock(socket, info.host, info.port, &connectTimeout); rc != AMQP_STATUS_OK)
            return tl::unexpected(std::string(amqp_error_string2(rc)));
        timeval rpcTimeout {5, 0};
        amqp_set_rpc_timeout(m_conn, &rpcTimeout);
        const std::string user = c.hasAuth ? c.username : std::string(info.user);
        const std::string pass = c.hasAuth ? c.password : std::string(info.password);
        // As v0.10's client (streadway/amqp): a URL ending in "/" means the default vhost "/", not "".
        const std::string vhost = info.vhost && *info.vhost ? std::string(info.vhost) : std::string("/");
        // Ask RabbitMQ to tell us when it cancels our consumer (its queue deleted): without this
        // capability it cancels silently and every later message would be lost unseen.
        amqp_table_entry_t caps[2];
        caps[0].key = amqp_cstring_bytes("consumer_cancel_notify");
        caps[0].value.kind = AMQP_FIELD_KIND_BOOLEAN;
        caps[0].value.value.boolean = 1;
        caps[1].key = amqp_cstring_bytes("authentication_failure_close");
        caps[1].value.kind = AMQP_FIELD_KIND_BOOLEAN;
        caps[1].value.value.boolean = 1;
        amqp_table_entry_t props[1];
        props[0].key = amqp_cstring_bytes("capabilities");
        props[0].value.kind = AMQP_FIELD_KIND_TABLE;
        props[0].value.value.table = amqp_table_t {2, caps};
        const amqp_table_t properties {1, props};
        const auto login = amqp_login_with_properties(
            m_conn, vhost.c_str(), 0, 131072, 10, &properties, AMQP_SASL_METHOD_PLAIN, user.c_str(), pass.c_str());
        if (login.reply_type != AMQP_RESPONSE_NORMAL)
            return tl::unexpected("login to vhost '" + vhost + "' as '" + user + "': " + replyText(login));
        m_loggedIn = true;
        amqp_channel_open(m_conn, 1);
        if (auto r = amqp_get_rpc_reply(m_conn); r.reply_type != AMQP_RESPONSE_NORMAL)
            return tl::unexpected("opening a channel: " + replyText(r));
        m_channelOpen = true;
        return {};
    }

    /** The reply of the last RPC; a server exception closes the channel (or the connection). */
    std::string lastError()
    {
        const auto r = amqp_get_rpc_reply(m_conn);
        if (r.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION) {
            if (r.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
                amqp_channel_close_ok_t ok {};
                amqp_send_method(m_conn, 1, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
                m_channelOpen = false;
            } else if (r.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
                m_broken = true;
            }
        } else if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION) {
            m_broken = true;
        }
        return replyText(r);
    }
    [[nodiscard]] bool ok() { return amqp_get_rpc_reply(m_conn).reply_type == AMQP_RESPONSE_NORMAL; }

    void close()
    {
        if (!m_conn)
            return;
        // A dead connection is not asked to close politely (each RPC would wait for its timeout).
        if (!m_broken && m_channelOpen)
            amqp_channel_close(m_conn, 1, AMQP_REPLY_SUCCESS);
        if (!m_broken && m_loggedIn)
            amqp_connection_close(m_conn, AMQP_REPLY_SUCCESS);
        amqp_destroy_connection(m_conn);
        m_conn = nullptr;
    }

    amqp_connection_state_t m_conn = nullptr;
    bool m_loggedIn = false;
    bool m_channelOpen = false;
    bool m_broken = false;
};

class AmqpClient final : public stream::BrokerClient
{
public:
    explicit AmqpClient(Connection c)
        : m_conn(std::move(c))
        , m_shown(redactBrokerUrl(m_conn.config.url))
    {
    }

    tl::expected<void, stream::ConnectError> connect(stream::StreamLink &) override
    {
        {
            // A URL rabbitmq-c cannot read (a port that is not a number, ...) will not improve on retry.
            std::string url = m_conn.config.url;
            amqp_connection_info info {};
            if (amqp_parse_url(url.data(), &info) != AMQP_STATUS_OK)
                return tl::unexpected(
                    stream::ConnectError {"url " + m_shown + " is not an amqp:// or amqps:// URL rabbitmq-c can read", true});
        }
        m_link = std::make_unique<Link>();
        if (auto opened = m_link->open(m_conn); !opened)
            return tl::unexpected(stream::ConnectError {opened.error()});
        amqp_connection_state_t conn = m_link->m_conn;
        const auto &cfg = m_conn.config;
        const auto &d = cfg.exchangeDeclare;
        if (!d.skip) {
            // v0.10: durable, not auto-delete, not internal (PC-23: `passive` only checks, `skip` does not declare).
            amqp_exchange_declare(conn, 1, bytes(cfg.exchangeName), bytes(cfg.exchangeType), d.passive, d.durable, d.autoDelete, d.internal,
                amqp_empty_table);
            if (!m_link->ok()) {
                const std::string why = m_link->lastError();
                // A refused declare (406 PRECONDITION_FAILED, 404 NOT_FOUND, 403) will not change on retry.
                // 503 COMMAND_INVALID (an exchange type the broker does not have) closes the
                // connection but will not change on retry either.
                const bool permanent = !m_link->m_broken || why.rfind("503", 0) == 0;
                return tl::unexpected(stream::ConnectError {
                    "declaring exchange '" + cfg.exchangeName + "' (" + cfg.exchangeType + (d.passive ? ", passive" : "") + "): " + why,
                    permanent});
            }
        }
        // A server-named, exclusive, non-durable queue, as v0.10.
        auto *q = amqp_queue_declare(conn, 1, amqp_empty_bytes, 0, 0, 1, 0, amqp_empty_table);
        if (!q)
            return tl::unexpected(stream::ConnectError {"declaring the queue: " + m_link->lastError(), !m_link->m_broken});
        const std::string queue = text(q->queue);
        amqp_queue_bind(conn, 1, bytes(queue), bytes(cfg.exchangeName), bytes(cfg.routingKey), amqp_empty_table);
        if (!m_link->ok())
            return tl::unexpected(stream::ConnectError {
                "binding the queue to exchange '" + cfg.exchangeName + "' with key '" + cfg.routingKey + "': " + m_link->lastError(),
                !m_link->m_broken});
        amqp_basic_consume(conn, 1, bytes(queue), amqp_empty_bytes, 0, 1, 0, amqp_empty_table);
        if (!m_link->ok())
            return tl::unexpected(stream::ConnectError {"consuming: " + m_link->lastError()});
        return {};
    }

    tl::expected<void, std::string> poll(stream::StreamLink &link, std::chrono::milliseconds timeout) override
    {
        amqp_connection_state_t conn = m_link->m_conn;
        for (int i = 0; i < 4096; ++i) {
            if (i > 0 && !amqp_data_in_buffer(conn) && !amqp_frames_enqueued(conn))
                return {};
            amqp_maybe_release_buffers(conn);
            timeval tv {0, static_cast<suseconds_t>(i == 0 ? timeout.count() * 1000 : 0)};
            amqp_envelope_t env;
            const auto r = amqp_consume_message(conn, &env, &tv, 0);
            if (r.reply_type == AMQP_RESPONSE_NORMAL) {
                SourceEvent ev;
                ev.payload = text(env.message.body);
                if (link.wantsMeta()) {
                    ev.meta = {{"routing-key", text(env.routing_key)}, {"exchange", text(env.exchange)}};
                    if (env.message.properties._flags & AMQP_BASIC_CONTENT_TYPE_FLAG)
                        ev.meta.emplace_back("content-type", text(env.message.properties.content_type));
                }
                amqp_destroy_envelope(&env);
                if (!link.deliver(std::move(ev)))
                    return {};
                continue;
            }
            if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && r.library_error == AMQP_STATUS_TIMEOUT)
                return {};
            if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && r.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
                // Not a delivery: a channel or connection close is the end of this connection
                // (v0.10 read empty events forever here); anything else is skipped.
                amqp_frame_t frame;
                timeval none {0, 0};
                if (amqp_simple_wait_frame_noblock(conn, &frame, &none) != AMQP_STATUS_OK)
                    continue;
                if (frame.frame_type != AMQP_FRAME_METHOD)
                    continue;
                if (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD) {
                    const std::string why = "the broker closed the channel: " + closeText(frame.payload.method);
                    amqp_channel_close_ok_t ok {};
                    amqp_send_method(conn, 1, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
                    m_link->m_channelOpen = false;
                    return tl::unexpected(why);
                }
                if (frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD) {
                    const std::string why = "the broker closed the connection: " + closeText(frame.payload.method);
                    amqp_connection_close_ok_t ok {};
                    amqp_send_method(conn, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok);
                    m_link->m_broken = true;
                    return tl::unexpected(why);
                }
                if (frame.payload.method.id == AMQP_BASIC_CANCEL_METHOD)
                    return tl::unexpected(std::string("the broker cancelled the consumer (the queue was deleted)"));
                continue;
            }
            m_link->m_broken = true;
            return tl::unexpected(replyText(r));
        }
        return {};
    }

    void disconnect() override { m_link.reset(); }

    [[nodiscard]] std::string describe() const override
    {
        return "AMQP broker " + m_shown + ", exchange '" + m_conn.config.exchangeName + "' (" + m_conn.config.exchangeType
            + "), routing key '" + m_conn.config.routingKey + "'";
    }

private:
    Connection m_conn;
    std::string m_shown;
    std::unique_ptr<Link> m_link;
};

} // namespace

std::string sampleRoutingKey(const std::string &key)
{
    std::string out;
    std::size_t start = 0;
    while (true) {
        const auto dot = key.find('.', start);
        const std::string word = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (start > 0)
            out += '.';
        out += (word == "*" || word == "#") ? "sample" : word;
        if (dot == std::string::npos)
            return out;
        start = dot + 1;
    }
}

Result<std::unique_ptr<stream::BrokerClient>> AmqpType::makeClient(const SourceSpec &, const Config &config)
{
    auto c = resolve(config, m_env.secretsDir);
    if (!c)
        return tl::unexpected(c.error());
    return std::make_unique<AmqpClient>(std::move(*c));
}

Result<std::string> AmqpType::publish(const Config &config, std::string_view data)
{
    auto c = resolve(config, m_env.secretsDir);
    if (!c)
        return tl::unexpected(c.error());
    const std::string shown = redactBrokerUrl(config.url);
    const std::string key = config.exchangeType == "topic" ? sampleRoutingKey(config.routingKey) : config.routingKey;
    const std::string where = "AMQP broker " + shown + ", exchange '" + config.exchangeName + "', routing key '" + key + "'";
    Link link;
    if (auto opened = link.open(*c); !opened)
        return fail("cannot connect to AMQP broker " + shown + ": " + opened.error());
    // Publisher confirms: the broker's ack says the exchange took the message.
    amqp_confirm_select(link.m_conn, 1);
    if (!link.ok())
        return fail(where + ": " + link.lastError());
    const std::string body(data);
    if (const int rc = amqp_basic_publish(link.m_conn, 1, bytes(config.exchangeName), bytes(key), 0, 0, nullptr, bytes(body));
        rc != AMQP_STATUS_OK)
        return fail(where + ": " + amqp_error_string2(rc));
    amqp_frame_t frame;
    timeval timeout {5, 0};
    while (true) {
        const int rc = amqp_simple_wait_frame_noblock(link.m_conn, &frame, &timeout);
        if (rc != AMQP_STATUS_OK) {
            link.m_broken = true;
            return fail(where + ": no confirmation from the broker: " + amqp_error_string2(rc));
        }
        if (frame.frame_type != AMQP_FRAME_METHOD)
            continue;
        switch (frame.payload.method.id) {
        case AMQP_BASIC_ACK_METHOD:
            return where;
        case AMQP_BASIC_NACK_METHOD:
            return fail(where + ": the broker refused the message (nack)");
        case AMQP_CHANNEL_CLOSE_METHOD: {
            const std::string why = closeText(frame.payload.method);
            amqp_channel_close_ok_t ok {};
            amqp_send_method(link.m_conn, 1, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
            link.m_channelOpen = false;
            return fail(where + ": " + why);
        }
        case AMQP_CONNECTION_CLOSE_METHOD:
            link.m_broken = true;
            return fail(where + ": " + closeText(frame.payload.method));
        default:
            break;
        }
    }
}

} // namespace gs::amqp
