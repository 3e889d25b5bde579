#pragma once
// A deliberately simple HTTP/1.1 client over a plain socket, so tests control every byte:
// malformed requests, huge streamed bodies, Expect: 100-continue, keep-alive.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gs::test {

struct RawResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    [[nodiscard]] std::string header(const std::string &name) const;
};

class RawHttp
{
public:
    explicit RawHttp(int port, const std::string &host = "127.0.0.1");
    ~RawHttp();
    RawHttp(const RawHttp &) = delete;
    RawHttp &operator=(const RawHttp &) = delete;

    [[nodiscard]] bool connected() const { return m_fd >= 0; }
    /** Sends all bytes; false if the peer closed. */
    bool send(const std::string &bytes);
    /** Reads one response (status line, headers, Content-Length body). nullopt on timeout/close. */
    std::optional<RawResponse> read(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /** Every byte that arrives until the peer closes or `quiet` passes without data. */
    std::string readRaw(std::chrono::milliseconds quiet = std::chrono::milliseconds(500));
    /** True if the server closed the connection (reads EOF) within the timeout. */
    bool closedByPeer(std::chrono::milliseconds timeout = std::chrono::seconds(2));

    /**
     * Streams a chunked body of up to `total` bytes while watching for an early answer; stops sending
     * as soon as a response arrives. Returns the response and the bytes sent.
     */
    std::pair<std::optional<RawResponse>, std::uint64_t> streamChunked(const std::string &head, std::uint64_t total);

    /** One request on a fresh connection. */
    static std::optional<RawResponse> request(int port, const std::string &method, const std::string &path, const std::string &body = {},
        const std::vector<std::pair<std::string, std::string>> &headers = {});

private:
    std::optional<RawResponse> parseBuffered();
    int m_fd = -1;
    std::string m_buffer;
};

} // namespace gs::test
