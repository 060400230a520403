// SPDX-License-Identifier: EUPL-1.2
// Precompiled header of the two files that include Beast and Asio (http/server.cpp and
// http/request_reader.cpp, the escale_http_server library): the heavy Boost headers.
#pragma once
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url.hpp>
