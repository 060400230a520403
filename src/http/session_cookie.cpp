// SPDX-License-Identifier: EUPL-1.2
#include "http/session_cookie.hpp"

#include <fmt/format.h>

namespace escale::http {

std::string cookie_token(const Request& r) { return cookie_value(r, session_cookie); }

std::string cookie_value(const Request& r, std::string_view name) {
    std::string_view cookies = r.cookie;
    while (!cookies.empty()) {
        while (!cookies.empty() && cookies.front() == ' ') cookies.remove_prefix(1);
        auto end = cookies.find(';');
        auto item = cookies.substr(0, end);
        auto eq = item.find('=');
        if (eq != std::string_view::npos && item.substr(0, eq) == name)
            return std::string(item.substr(eq + 1));
        if (end == std::string_view::npos) break;
        cookies.remove_prefix(end + 1);
    }
    return {};
}

std::string bearer_token(const Request& r) {
    constexpr std::string_view bearer = "Bearer ";
    std::string_view h = r.authorization;
    if (h.size() > bearer.size() && h.substr(0, bearer.size()) == bearer) return std::string(h.substr(bearer.size()));
    return {};
}

std::string request_token(const Request& r) {
    auto bearer = bearer_token(r);
    return bearer.empty() ? cookie_token(r) : bearer;
}

void set_session_cookie(Response& r, std::string_view token, std::chrono::seconds max_age, bool secure) {
    r.headers.emplace_back("Set-Cookie", fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}", session_cookie,
                                                     token, max_age.count(), secure ? "; Secure" : ""));
}

void clear_session_cookie(Response& r, bool secure) {
    r.headers.emplace_back("Set-Cookie", fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}", session_cookie,
                                                     secure ? "; Secure" : ""));
}

}  // namespace escale::http
