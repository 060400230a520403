// SPDX-License-Identifier: EUPL-1.2
// Periodic jobs inside a transaction: which process runs each due run of a job (retention
// purge, session clean-up...), claimed once across every server sharing the database.
// Part of a Transaction (store/store.hpp).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace escale {

class JobStore {
public:
    virtual ~JobStore() = default;
    // If job `name` is due at `now` (or has never run), claims its due run for `instance`
    // and schedules the next one at the first due + k × interval after now (missed runs
    // fold into this one). Returns the claimed due instant, or nullopt when the job is not
    // due or another process claimed it first: however many processes call this at once, a
    // due run is claimed once.
    virtual Result<std::optional<Instant>> claim(const std::string& name, Instant now, std::chrono::seconds interval,
                                                 const std::string& instance) = 0;
};

}  // namespace escale
