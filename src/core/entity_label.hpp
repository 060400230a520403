// SPDX-License-Identifier: EUPL-1.2
// What a French speaker calls one thing of each referential kind, to open a message:
// "Le site introuvable.", "Le poste de travail existe déjà."; and the name of each kind's
// collection (its table, and what the audit log says it acted on). One place for every layer.
#pragma once

#include "core/closure.hpp"
#include "core/desk.hpp"
#include "core/floor.hpp"
#include "core/locker.hpp"
#include "core/resident.hpp"
#include "core/role_grant.hpp"
#include "core/service.hpp"
#include "core/site.hpp"
#include "core/space.hpp"
#include "core/zone.hpp"

namespace escale {

template <class T>
constexpr const char* entity_label() = delete;
template <> constexpr const char* entity_label<Site>() { return "Le site"; }
template <> constexpr const char* entity_label<Floor>() { return "Le niveau"; }
template <> constexpr const char* entity_label<Zone>() { return "Le quartier"; }
template <> constexpr const char* entity_label<Service>() { return "Le service"; }
template <> constexpr const char* entity_label<Resident>() { return "Le résident"; }
template <> constexpr const char* entity_label<Desk>() { return "Le poste de travail"; }
template <> constexpr const char* entity_label<Space>() { return "L'espace collectif"; }
template <> constexpr const char* entity_label<Locker>() { return "Le casier"; }
template <> constexpr const char* entity_label<Closure>() { return "Le jour de fermeture"; }
template <> constexpr const char* entity_label<RoleGrant>() { return "Le rôle attribué"; }

template <class T>
constexpr const char* entity_name() = delete;
template <> constexpr const char* entity_name<Site>() { return "sites"; }
template <> constexpr const char* entity_name<Floor>() { return "floors"; }
template <> constexpr const char* entity_name<Zone>() { return "zones"; }
template <> constexpr const char* entity_name<Service>() { return "services"; }
template <> constexpr const char* entity_name<Resident>() { return "residents"; }
template <> constexpr const char* entity_name<Desk>() { return "desks"; }
template <> constexpr const char* entity_name<Space>() { return "spaces"; }
template <> constexpr const char* entity_name<Locker>() { return "lockers"; }
template <> constexpr const char* entity_name<Closure>() { return "closures"; }
template <> constexpr const char* entity_name<RoleGrant>() { return "role_grants"; }

}  // namespace escale
