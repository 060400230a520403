// SPDX-License-Identifier: EUPL-1.2
// Precompiled header of the HTTP layer but its two Beast files (beast_pch.hpp): what the
// routes and codecs include (the JSON body reader, the request parameters, the routes' context
// down to the app's transaction), parsed once per build. Not http/replies.hpp: its templates
// find each file's own to_json overloads only when declared after them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/errors.hpp"
#include "http/json_body.hpp"
#include "http/request_params.hpp"
#include "http/routes/routes.hpp"
