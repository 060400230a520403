// SPDX-License-Identifier: EUPL-1.2
// The request bodies of the identity routes (login, passwords, API tokens), apart from their
// routes so that fuzz/route_bodies.cpp decodes the very same shapes. Plain data; safe from any
// thread.
#pragma once

#include <optional>
#include <string>

#include <boost/describe/class.hpp>

#include "core/errors.hpp"
#include "http/json_body.hpp"

namespace escale::http {

// POST /api/v1/auth/login. Other members are ignored, as they always have been; both
// members are checked present only once both have the right type.
struct LoginBody {
    std::optional<std::string> email;
    std::optional<std::string> password;
};
BOOST_DESCRIBE_STRUCT(LoginBody, (), (email, password))

// POST /api/v1/me/password.
struct OwnPasswordBody {
    Required<std::string> current_password;
    Required<std::string> new_password;
};
BOOST_DESCRIBE_STRUCT(OwnPasswordBody, (), (current_password, new_password))

// PUT /api/v1/residents/{id}/password.
struct PasswordResetBody {
    Required<std::string> new_password;
};
BOOST_DESCRIBE_STRUCT(PasswordResetBody, (), (new_password))

// The read_only member of a new API token. It has always asked for « true ou false », where
// the referential's booleans ask for « un booléen (true ou false) »: kept as it is.
struct ReadOnlyFlag {
    bool value = true;
};

template <>
struct FieldReader<ReadOnlyFlag> {
    static Result<void> read(const json::value& j, std::string_view name, ReadOnlyFlag& out) {
        if (!j.is_bool()) return fail(errors::invalid_field(name, "true ou false"));
        out.value = j.get_bool();
        return {};
    }
};

// POST /api/v1/me/api-tokens. A missing or null name is an empty one (app says missing_field).
struct NewApiTokenBody {
    std::optional<std::string> name;
    ReadOnlyFlag read_only;
    std::optional<Instant> expires_at;
};
BOOST_DESCRIBE_STRUCT(NewApiTokenBody, (), (name, read_only, expires_at))

}  // namespace escale::http
