// gs-kafkamock: hosts librdkafka's mock cluster (real Kafka-protocol brokers on loopback) for tests
// and the offline demo, with a line protocol to create topics and take brokers down and up.
//
//   gs-kafkamock [--brokers N] [--control-port P] [--topic NAME:PARTITIONS]... [--exit-on-stdin-eof]
//
// Prints "bootstrap HOST:PORT,...", "control 127.0.0.1:PORT" and "ready" on stdout, then reads
// commands from stdin and from any connection to the control port, one per line, each answered with
// one line, "ok[ detail]" or "error reason":
//   topic NAME PARTITIONS [REPLICATION]   create a topic
//   down BROKER|all / up BROKER|all        rd_kafka_mock_broker_set_down/up (topics and offsets are kept)
//   leader TOPIC PARTITION BROKER           move a partition's leader
//   rtt BROKER|all MS                       add round-trip delay
//   bootstrap                               "ok HOST:PORT,..."
//   ping                                    "ok"
//   quit                                    "ok", then exits
// SIGINT/SIGTERM exit cleanly. Broker ids are 1..N.

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

namespace {

std::atomic<bool> g_stop {false};

void onSignal(int)
{
    g_stop.store(true);
}

struct Mock {
    rd_kafka_t *rk = nullptr;
    rd_kafka_mock_cluster_t *cluster = nullptr;
    int brokers = 0;
};

std::vector<std::string> words(const std::string &line)
{
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

bool toInt(const std::string &s, long lo, long hi, long &out)
{
    char *end = nullptr;
    errno = 0;
    const long v = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || errno != 0 || v < lo || v > hi)
        return false;
    out = v;
    return true;
}

std::string errText(rd_kafka_resp_err_t err)
{
    return err == RD_KAFKA_RESP_ERR_NO_ERROR ? "ok" : std::string("error ") + rd_kafka_err2str(err);
}

bool brokerArg(const Mock &m, const std::string &s, int32_t &id)
{
    if (s == "all") {
        id = -1;
        return true;
    }
    long v = 0;
    if (!toInt(s, 1, m.brokers, v))
        return false;
    id = static_cast<int32_t>(v);
    return true;
}

/** Runs one command line; sets `quit` for "quit". */
std::string execute(Mock &m, const std::string &line, bool &quit)
{
    const auto w = words(line);
    if (w.empty())
        return "error empty command";
    const std::string &cmd = w[0];
    if (cmd == "ping")
        return "ok";
    if (cmd == "bootstrap")
        return std::string("ok ") + rd_kafka_mock_cluster_bootstraps(m.cluster);
    if (cmd == "quit") {
        quit = true;
        return "ok";
    }
    if (cmd == "topic" && (w.size() == 3 || w.size() == 4)) {
        long parts = 0;
        long repl = 1;
        if (!toInt(w[2], 1, 100000, parts))
            return "error partitions must be a number from 1";
        if (w.size() == 4 && !toInt(w[3], 1, m.brokers, repl))
            return "error replication must be from 1 to the number of brokers";
        return errText(rd_kafka_mock_topic_create(m.cluster, w[1].c_str(), static_cast<int>(parts), static_cast<int>(repl)));
    }
    if ((cmd == "down" || cmd == "up") && w.size() == 2) {
        int32_t id = 0;
        if (!brokerArg(m, w[1], id))
            return "error broker must be 1.." + std::to_string(m.brokers) + " or all";
        return errText(cmd == "down" ? rd_kafka_mock_broker_set_down(m.cluster, id) : rd_kafka_mock_broker_set_up(m.cluster, id));
    }
    if (cmd == "leader" && w.size() == 4) {
        long part = 0;
        int32_t id = 0;
        if (!toInt(w[2], 0, 100000, part) || !brokerArg(m, w[3], id) || id < 0)
            return "error usage: leader TOPIC PARTITION BROKER";
        return errText(rd_kafka_mock_partition_set_leader(m.cluster, w[1].c_str(), static_cast<int32_t>(part), id));
    }
    if (cmd == "rtt" && w.size() == 3) {
        int32_t id = 0;
        long ms = 0;
        if (!brokerArg(m, w[1], id) || !toInt(w[2], 0, 600000, ms))
            return "error usage: rtt BROKER|all MS";
        return errText(rd_kafka_mock_broker_set_rtt(m.cluster, id, static_cast<int>(ms)));
    }
    return "error unknown command or wrong arguments: " + cmd + " (topic, down, up, leader, rtt, bootstrap, ping, quit)";
}

int listenLoopback(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(fd, 16) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

int boundPort(int fd)
{
    sockaddr_in addr {};
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    return ntohs(addr.sin_port);
}

void writeAll(int fd, const std::string &text)
{
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0)
            return;
        done += static_cast<std::size_t>(n);
    }
}

int usage(const char *why)
{
    std::fprintf(stderr,
        "gs-kafkamock: %s\nusage: gs-kafkamock [--brokers N] [--control-port P] [--topic NAME:PARTITIONS]... "
        "[--exit-on-stdin-eof]\n",
        why);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    long brokers = 3;
    long controlPort = 0;
    bool exitOnEof = false;
    std::vector<std::pair<std::string, int>> topics;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--brokers" && hasValue) {
            if (!toInt(argv[++i], 1, 16, brokers))
                return usage("--brokers: expected 1 to 16");
        } else if (a == "--control-port" && hasValue) {
            if (!toInt(argv[++i], 0, 65535, controlPort))
                return usage("--control-port: expected 0 to 65535");
        } else if (a == "--topic" && hasValue) {
            const std::string t = argv[++i];
            const auto colon = t.rfind(':');
            long parts = 0;
            if (colon == std::string::npos || colon == 0 || !toInt(t.substr(colon + 1), 1, 100000, parts))
                return usage("--topic: expected NAME:PARTITIONS");
            topics.emplace_back(t.substr(0, colon), static_cast<int>(parts));
        } else if (a == "--exit-on-stdin-eof") {
            exitOnEof = true;
        } else if (a == "--help" || a == "-h") {
            std::printf("gs-kafkamock: librdkafka's mock Kafka cluster on loopback, for tests and the demo.\n"
                        "Options: --brokers N (default 3), --control-port P (default: a free port), --topic NAME:PARTITIONS,\n"
                        "--exit-on-stdin-eof. Commands on stdin or the control port, one per line: topic NAME PARTITIONS [REPLICATION],\n"
                        "down BROKER|all, up BROKER|all, leader TOPIC PARTITION BROKER, rtt BROKER|all MS, bootstrap, ping, quit.\n");
            return 0;
        } else {
            return usage(("unknown argument " + a).c_str());
        }
    }

    struct sigaction sa {
    };
    sa.sa_handler = onSignal;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
    Mock m;
    m.rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!m.rk) {
        std::fprintf(stderr, "gs-kafkamock: rd_kafka_new: %s\n", errstr);
        return 1;
    }
    m.brokers = static_cast<int>(brokers);
    m.cluster = rd_kafka_mock_cluster_new(m.rk, m.brokers);
    if (!m.cluster) {
        std::fprintf(stderr, "gs-kafkamock: could not create the mock cluster\n");
        rd_kafka_destroy(m.rk);
        return 1;
    }
    for (const auto &[name, parts] : topics) {
        const auto err = rd_kafka_mock_topic_create(m.cluster, name.c_str(), parts, 1);
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
            std::fprintf(stderr, "gs-kafkamock: topic %s: %s\n", name.c_str(), rd_kafka_err2str(err));
    }
    const int listenFd = listenLoopback(static_cast<int>(controlPort));
    if (listenFd < 0) {
        std::fprintf(stderr, "gs-kafkamock: cannot listen on 127.0.0.1:%ld: %s\n", controlPort, std::strerror(errno));
        rd_kafka_mock_cluster_destroy(m.cluster);
        rd_kafka_destroy(m.rk);
        return 1;
    }
    std::printf("bootstrap %s\ncontrol 127.0.0.1:%d\nready\n", rd_kafka_mock_cluster_bootstraps(m.cluster), boundPort(listenFd));
    std::fflush(stdout);

    std::map<int, std::string> conns; // fd -> partial line; fd 0 is stdin
    conns[0] = {};
    bool quit = false;
    while (!quit && !g_stop.load()) {
        std::vector<pollfd> fds;
        fds.push_back({listenFd, POLLIN, 0});
        for (const auto &[fd, buf] : conns)
            fds.push_back({fd, POLLIN, 0});
        if (::poll(fds.data(), fds.size(), 200) <= 0)
            continue;
        if (fds[0].revents & POLLIN) {
            const int c = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (c >= 0)
                conns[c] = {};
        }
        for (std::size_t i = 1; i < fds.size(); ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const int fd = fds[i].fd;
            char chunk[4096];
            const ssize_t n = ::read(fd, chunk, sizeof chunk);
            if (n <= 0) {
                conns.erase(fd);
                if (fd == 0) {
                    if (exitOnEof)
                        quit = true;
                } else {
                    ::close(fd);
                }
                continue;
            }
            std::string &buf = conns[fd];
            buf.append(chunk, static_cast<std::size_t>(n));
            for (auto nl = buf.find('\n'); nl != std::string::npos; nl = buf.find('\n')) {
                std::string line = buf.substr(0, nl);
                buf.erase(0, nl + 1);
                if (!line.empty() && line.back() == '\r')
                    line.pop_back();
                const std::string answer = execute(m, line, quit) + "\n";
                if (fd == 0) {
                    std::fputs(answer.c_str(), stdout);
                    std::fflush(stdout);
                } else {
                    writeAll(fd, answer);
                }
            }
        }
    }
    for (const auto &[fd, buf] : conns) {
        if (fd != 0)
            ::close(fd);
    }
    ::close(listenFd);
    rd_kafka_mock_cluster_destroy(m.cluster);
    rd_kafka_destroy(m.rk);
    return 0;
}
