// SPDX-License-Identifier: EUPL-1.2
// Which address a request comes from, for login throttling. Behind a reverse proxy the
// socket's peer is the proxy: when (and only when) the peer is one of the trusted proxies,
// the client is the right-most X-Forwarded-For entry that is not itself a trusted proxy.
// Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace escale::http {

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace escale::http
