// SPDX-License-Identifier: EUPL-1.2
#include "http/content_coding.hpp"

#include <zlib.h>

#include <cctype>

namespace escale::http {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

bool accepts_coding(std::string_view header, std::string_view token) {
    std::string h = lower(header);
    std::string_view rest = h;
    std::optional<bool> star;
    while (!rest.empty()) {
        auto comma = rest.find(',');
        auto item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        auto semi = item.find(';');
        auto name = trim(item.substr(0, semi));
        bool refused = false;
        if (semi != std::string_view::npos) {
            auto params = item.substr(semi + 1);
            auto q = params.find("q=");
            if (q != std::string_view::npos) {
                auto value = trim(params.substr(q + 2));
                refused = !value.empty() && value.find_first_not_of("0.") == std::string_view::npos;
            }
        }
        if (name == token) return !refused;
        if (name == "*") star = !refused;
    }
    return star.value_or(false);
}

std::optional<std::string> gzip_compress(std::string_view text) {
    z_stream z{};
    // 15 bits of window, +16: the gzip wrapper; level 5 (JSON compresses well early, and
    // this runs on the connection's thread).
    if (deflateInit2(&z, 5, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    const auto written = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) return std::nullopt;
    out.resize(written);
    return out;
}

bool compress_answer(Response& response, std::string_view accept_encoding) {
    if (response.stream || !response.body_view.empty() || response.body.size() < compress_from_bytes) return false;
    if (!starts_with(response.content_type, "application/json")) return false;
    for (auto& [name, value] : response.headers)
        if (lower(name) == "content-encoding") return false;
    if (!accepts_coding(accept_encoding, "gzip")) return false;
    auto packed = gzip_compress(response.body);
    if (!packed || packed->size() >= response.body.size()) return false;
    response.body = std::move(*packed);
    response.headers.emplace_back("Content-Encoding", "gzip");
    response.headers.emplace_back("Vary", "Accept-Encoding");
    return true;
}

}  // namespace escale::http
