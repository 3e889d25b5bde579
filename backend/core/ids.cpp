#include "ids.h"

#include <array>
#include <random>

namespace gs {

std::uint32_t fnv1a32(std::string_view data, std::uint32_t hash)
{
    for (unsigned char c : data) {
        hash ^= c;
        hash *= 16777619u;
    }
    return hash;
}

std::string eventSourceId(std::string_view key, std::string_view value)
{
    return std::to_string(fnv1a32(value, fnv1a32(key)));
}

namespace {
constexpr char kHex[] = "0123456789abcdef";

std::mt19937_64 &threadRng()
{
    // One generator per thread, seeded from the OS: ids are made on gRPC and HTTP threads.
    thread_local std::mt19937_64 rng = [] {
        std::random_device rd;
        std::seed_seq seq {rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
        return std::mt19937_64(seq);
    }();
    return rng;
}
} // namespace

std::string newUuid()
{
    std::array<unsigned char, 16> b {};
    auto &rng = threadRng();
    for (int i = 0; i < 2; ++i) {
        std::uint64_t v = rng();
        for (int j = 0; j < 8; ++j)
            b[static_cast<std::size_t>(i * 8 + j)] = static_cast<unsigned char>(v >> (8 * j));
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40); // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80); // RFC 4122 variant
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out.push_back('-');
        out.push_back(kHex[b[i] >> 4]);
        out.push_back(kHex[b[i] & 15]);
    }
    return out;
}

std::string hexOfText(std::string_view text)
{
    std::string out;
    out.reserve(text.size() * 2);
    for (unsigned char c : text) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
    return out;
}

} // namespace gs
