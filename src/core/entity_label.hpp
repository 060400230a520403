// SPDX-License-Identifier: EUPL-1.2
// What a French speaker calls one thing of each referential kind, as a noun the messages of
// core/errors compose with ("Site introuvable.", "Ce poste de travail existe déjà."); and the
// name of each kind's collection (its table, and what the audit log says it acted on). One
// place for every layer.
#pragma once

#include "core/closure.hpp"
#include "core/desk.hpp"
#include "core/floor.hpp"
#include "core/locker.hpp"
#include "core/noun.hpp"
#include "core/resident.hpp"
#include "core/resident_category.hpp"
#include "core/role_grant.hpp"
#include "core/service.hpp"
#include "core/site.hpp"
#include "core/space.hpp"
#include "core/zone.hpp"

namespace escale {

template <class T>
constexpr Noun entity_label() = delete;
template <> constexpr Noun entity_label<Site>() { return masculine("site"); }
template <> constexpr Noun entity_label<Floor>() { return masculine("niveau"); }
template <> constexpr Noun entity_label<Zone>() { return masculine("quartier"); }
template <> constexpr Noun entity_label<Service>() { return masculine("service"); }
template <> constexpr Noun entity_label<Resident>() { return masculine("résident"); }
template <> constexpr Noun entity_label<Desk>() { return masculine("poste de travail"); }
template <> constexpr Noun entity_label<Space>() { return masculine("espace collectif"); }
template <> constexpr Noun entity_label<Locker>() { return masculine("casier"); }
template <> constexpr Noun entity_label<Closure>() { return masculine("jour de fermeture"); }
template <> constexpr Noun entity_label<RoleGrant>() { return feminine("attribution de rôle"); }
template <> constexpr Noun entity_label<ResidentCategory>() { return feminine("catégorie de résidents"); }

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
template <> constexpr const char* entity_name<ResidentCategory>() { return "resident_categories"; }

}  // namespace escale
