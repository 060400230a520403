// SPDX-License-Identifier: EUPL-1.2
// Identifiers of stored things. Plain integers assigned by the database.
#pragma once

#include <cstdint>

namespace escale {

using Id = std::int64_t;
using SiteId = Id;
using FloorId = Id;
using ZoneId = Id;
using ServiceId = Id;
using ResidentId = Id;
using DeskId = Id;
using SpaceId = Id;
using LockerId = Id;
using BookingId = Id;
using RoleGrantId = Id;

}  // namespace escale
