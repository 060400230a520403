// SPDX-License-Identifier: EUPL-1.2
#include "http/router.hpp"

namespace escale::http {
namespace {
// "/a/b" → {"a", "b"}; "/" → {}; empty segments are kept ("/a//b/" → {"a", "", "b", ""})
// so that such paths match no route.
std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> out;
    if (path.empty() || path == "/") return out;
    if (path.front() == '/') path.remove_prefix(1);
    for (;;) {
        size_t j = path.find('/');
        out.emplace_back(path.substr(0, j));
        if (j == std::string_view::npos) break;
        path.remove_prefix(j + 1);
    }
    return out;
}
bool is_capture(const std::string& s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }
}  // namespace

void Router::add(Route route) {
    if (route.method != "GET") route.slow = true;
    segments_.push_back(split(route.pattern));
    routes_.push_back(std::move(route));
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
    Match m;
    auto parts = split(path);
    for (size_t r = 0; r < routes_.size(); ++r) {
        const auto& segs = segments_[r];
        if (segs.size() != parts.size()) continue;
        PathParams params;
        bool ok = true;
        for (size_t i = 0; i < segs.size() && ok; ++i) {
            if (is_capture(segs[i])) params.push_back(parts[i]);
            else ok = segs[i] == parts[i];
        }
        if (!ok) continue;
        if (routes_[r].method == method) {
            m.route = &routes_[r];
            m.params = std::move(params);
            return m;
        }
        m.allowed_methods.push_back(routes_[r].method);
    }
    return m;
}

}  // namespace escale::http
