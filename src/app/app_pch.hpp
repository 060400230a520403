// SPDX-License-Identifier: EUPL-1.2
// Precompiled header of the app layer: what nearly every use case includes (its transaction
// and the store's rooms behind it, the errors, the audit, the site calendar), parsed once per
// build instead of once per file (about 3 s a file).
#pragma once
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
