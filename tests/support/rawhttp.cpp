#include "rawhttp.h"

#include <utility>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gs::test {

std::string RawResponse::header(const std::string &name) const
{
    for (const auto &[k, v] : headers) {
        if (strcasecmp(k.c_str(), name.c_str()) == 0)
            return v;
    }
    return {};
}

RawHttp::RawHttp(int port, const std::string &host)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

RawHttp::~RawHttp()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RawHttp::send(const std::string &bytes)
{
    std::size_t off = 0;
    while (off < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        off += static_cast<std::size_t>(n);
    }
    return true;
}

std::optional<RawResponse> RawHttp::parseBuffered()
{
    const auto end = m_buffer.find("\r\n\r\n");
    if (end == std::string::npos)
        return std::nullopt;
    RawResponse r;
    const std::string head = m_buffer.substr(0, end);
    std::size_t lineEnd = head.find("\r\n");
    const std::string statusLine = head.substr(0, lineEnd);
    if (statusLine.size() < 12)
        return std::nullopt;
    r.status = std::atoi(statusLine.substr(9, 3).c_str());
    std::size_t pos = lineEnd == std::string::npos ? head.size() : lineEnd + 2;
    while (pos < head.size()) {
        std::size_t e = head.find("\r\n", pos);
        if (e == std::string::npos)
            e = head.size();
        const std::string line = head.substr(pos, e - pos);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string v = line.substr(colon + 1);
            while (!v.empty() && v.front() == ' ')
                v.erase(0, 1);
            r.headers.emplace_back(line.substr(0, colon), v);
        }
        pos = e + 2;
    }
    const std::size_t length = static_cast<std::size_t>(std::atoll(r.header("Content-Length").c_str()));
    if (m_buffer.size() < end + 4 + length)
        return std::nullopt;
    r.body = m_buffer.substr(end + 4, length);
    m_buffer.erase(0, end + 4 + length);
    return r;
}

std::optional<RawResponse> RawHttp::read(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (auto r = parseBuffered()) {
            if (r->status == 100)
                continue; // interim answer
            return r;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0)
            return std::nullopt;
        pollfd p {m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0)
            return std::nullopt;
        char buf[65536];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n <= 0)
            return parseBuffered();
        m_buffer.append(buf, static_cast<std::size_t>(n));
    }
}

std::string RawHttp::readRaw(std::chrono::milliseconds quiet)
{
    std::string out = std::exchange(m_buffer, {});
    for (;;) {
        pollfd p {m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(quiet.count())) <= 0)
            return out;
        char buf[4096];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n <= 0)
            return out;
        out.append(buf, static_cast<std::size_t>(n));
    }
}

bool RawHttp::closedByPeer(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p {m_fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0)
            continue;
        char buf[4096];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n <= 0)
            return true;
    }
    return false;
}

std::pair<std::optional<RawResponse>, std::uint64_t> RawHttp::streamChunked(const std::string &head, std::uint64_t total)
{
    if (!send(head))
        return {std::nullopt, 0};
    const std::string chunk(64 * 1024, 'x');
    char sizeLine[32];
    std::snprintf(sizeLine, sizeof sizeLine, "%zx\r\n", chunk.size());
    const std::string framed = std::string(sizeLine) + chunk + "\r\n";
    std::uint64_t sent = 0;
    std::size_t off = 0;
    while (sent < total) {
        pollfd p {m_fd, POLLIN | POLLOUT, 0};
        if (::poll(&p, 1, 5000) <= 0)
            break;
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[65536];
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n > 0)
                m_buffer.append(buf, static_cast<std::size_t>(n));
            if (auto r = parseBuffered())
                return {r, sent};
            if (n <= 0)
                break;
            continue;
        }
        const ssize_t n = ::send(m_fd, framed.data() + off, framed.size() - off, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EAGAIN)
                continue;
            break;
        }
        off += static_cast<std::size_t>(n);
        sent += static_cast<std::uint64_t>(n);
        if (off == framed.size())
            off = 0;
    }
    return {read(std::chrono::seconds(2)), sent};
}

std::optional<RawResponse> RawHttp::request(int port, const std::string &method, const std::string &path, const std::string &body,
    const std::vector<std::pair<std::string, std::string>> &headers)
{
    RawHttp c(port);
    if (!c.connected())
        return std::nullopt;
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto &[k, v] : headers)
        req += k + ": " + v + "\r\n";
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    if (!c.send(req))
        return std::nullopt;
    return c.read();
}

} // namespace gs::test
