// SPDX-License-Identifier: EUPL-1.2
// Field-level rules of the referential: what a well-formed site, desk, resident... is.
// Pure functions; each returns the first problem as an invalid_input or rule_violation.
#pragma once

#include <string>

#include "core/closure.hpp"
#include "core/desk.hpp"
#include "core/error.hpp"
#include "core/floor.hpp"
#include "core/locker.hpp"
#include "core/resident.hpp"
#include "core/resident_category.hpp"
#include "core/role_grant.hpp"
#include "core/service.hpp"
#include "core/site.hpp"
#include "core/space.hpp"
#include "core/zone.hpp"

namespace escale {

Result<void> validate(const Site& v);
Result<void> validate(const Floor& v);
Result<void> validate(const Zone& v);
Result<void> validate(const Service& v);
Result<void> validate(const Resident& v);
Result<void> validate(const Desk& v);
Result<void> validate(const Space& v);
Result<void> validate(const Locker& v);
Result<void> validate(const RoleGrant& v);
Result<void> validate(const Closure& v);
Result<void> validate(const ResidentCategory& v);

// A short text field: no control characters, 200 bytes at most, not blank when required.
Result<void> check_text(std::string_view field, const std::string& value, bool required = true);

// Lower-cases ASCII letters and trims spaces: emails are compared in this form.
std::string normalize_email(std::string_view email);
bool looks_like_email(std::string_view email);

}  // namespace escale
