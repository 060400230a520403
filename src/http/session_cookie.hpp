// SPDX-License-Identifier: EUPL-1.2
// The session cookie: how a browser's session token travels, and how a request's
// credentials (cookie or "Authorization: Bearer") are read. Plain functions, no state.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace escale::http {

// The session cookie's name.
inline constexpr std::string_view session_cookie = "escale_session";

// The value of the request's cookie `name`; empty when none.
std::string cookie_value(const Request& r, std::string_view name);
// The token a request carries in its session cookie; empty when none.
std::string cookie_token(const Request& r);
// The token a request carries as "Authorization: Bearer …"; empty when none.
std::string bearer_token(const Request& r);
// The token a request authenticates with: its bearer token, else its session cookie's;
// empty when none.
std::string request_token(const Request& r);

// Sets the session cookie (HttpOnly, SameSite=Lax; Secure when `secure`).
void set_session_cookie(Response& r, std::string_view token, std::chrono::seconds max_age, bool secure);
// Tells the browser to forget the session cookie.
void clear_session_cookie(Response& r, bool secure);

}  // namespace escale::http
