// SPDX-License-Identifier: EUPL-1.2
// Precompiled header for the Beast translation unit(s): the heavy Boost headers.
#pragma once
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url.hpp>
