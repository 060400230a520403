// SPDX-License-Identifier: EUPL-1.2
// The request bodies of remontées (POST /api/v1/remontees, PATCH .../{id}, PUT .../{id}/answer),
// apart from their routes so that fuzz/route_bodies.cpp decodes the very same shapes. Plain
// data; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

#include "core/remontee.hpp"
#include "http/json_body.hpp"

namespace escale::http {

struct PostRemonteeBody {
    Required<RemonteeKind> kind;
    Required<RemonteeTheme> theme;
    Required<std::string> title;
    std::optional<std::string> body;
    std::optional<bool> anonymous;
};
BOOST_DESCRIBE_STRUCT(PostRemonteeBody, (), (kind, theme, title, body, anonymous))

struct EditRemonteeBody {
    Required<std::string> title;
    std::optional<std::string> body;
};
BOOST_DESCRIBE_STRUCT(EditRemonteeBody, (), (title, body))

struct AnswerRemonteeBody {
    Required<RemonteeStatus> status;
    std::optional<std::string> answer;
};
BOOST_DESCRIBE_STRUCT(AnswerRemonteeBody, (), (status, answer))

}  // namespace escale::http
