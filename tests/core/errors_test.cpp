// SPDX-License-Identifier: EUPL-1.2
// Unit tests of the messages composed around a thing's name (core/errors, core/noun): every
// entity label reads as French in each of them, feminine and elided forms included, and the
// codes stay what clients rely on.
#include <gtest/gtest.h>

#include <string>

#include "core/entity_label.hpp"
#include "core/errors.hpp"

namespace escale {
namespace {

TEST(Noun, ArticlesElideAndAgree) {
    EXPECT_EQ(with_definite_article(masculine("site")), "le site");
    EXPECT_EQ(with_definite_article(feminine("réservation")), "la réservation");
    EXPECT_EQ(with_definite_article(masculine("espace collectif")), "l'espace collectif");
    EXPECT_EQ(with_definite_article(masculine("élément")), "l'élément");
    EXPECT_EQ(with_demonstrative(masculine("casier")), "ce casier");
    EXPECT_EQ(with_demonstrative(masculine("espace collectif")), "cet espace collectif");
    EXPECT_EQ(with_demonstrative(feminine("attribution de rôle")), "cette attribution de rôle");
    EXPECT_EQ(capitalized("élément"), "Élément");
    EXPECT_EQ(capitalized("poste de travail"), "Poste de travail");
    EXPECT_EQ(capitalized(""), "");
    EXPECT_EQ(agreed(feminine("session"), "utilisé", "utilisée"), "utilisée");
}

TEST(Errors, EveryEntityLabelReadsWellInEveryMessage) {
    struct Expected {
        Noun noun;
        const char* not_found;
        const char* exists;
        const char* in_use;
        const char* unknown;
    };
    const Expected all[] = {
        {entity_label<Site>(), "Site introuvable.", "Ce site existe déjà.",
         "Ce site est encore utilisé par d'autres éléments et ne peut pas être supprimé.",
         "Le site indiqué n'existe pas sur ce site."},
        {entity_label<Floor>(), "Niveau introuvable.", "Ce niveau existe déjà.",
         "Ce niveau est encore utilisé par d'autres éléments et ne peut pas être supprimé.",
         "Le niveau indiqué n'existe pas sur ce site."},
        {entity_label<Zone>(), "Quartier introuvable.", "Ce quartier existe déjà.",
         "Ce quartier est encore utilisé par d'autres éléments et ne peut pas être supprimé.",
         "Le quartier indiqué n'existe pas sur ce site."},
        {entity_label<Service>(), "Service introuvable.", "Ce service existe déjà.",
         "Ce service est encore utilisé par d'autres éléments et ne peut pas être supprimé.",
         "Le service indiqué n'existe pas sur ce site."},
        {entity_label<Resident>(), "Résident introuvable.", "Ce résident existe déjà.",
         "Ce résident est encore utilisé par d'autres éléments et ne peut pas être supprimé.",
         "Le résident indiqué n'existe pas sur ce site."},
        {entity_label<Desk>(), "Poste de travail introuvable.", "Ce poste de travail existe déjà.",
         "Ce poste de travail est encore utilisé par d'autres éléments et ne peut pas être supprimé.",
         "Le poste de travail indiqué n'existe pas sur ce site."},
        {entity_label<Space>(), "Espace collectif introuvable.", "Cet espace collectif existe déjà.",
         "Cet espace collectif est encore utilisé par d'autres éléments et ne peut pas être supprimé.",
         "L'espace collectif indiqué n'existe pas sur ce site."},
        {entity_label<Locker>(), "Casier introuvable.", "Ce casier existe déjà.",
         "Ce casier est encore utilisé par d'autres éléments et ne peut pas être supprimé.",
         "Le casier indiqué n'existe pas sur ce site."},
        {entity_label<Closure>(), "Jour de fermeture introuvable.", "Ce jour de fermeture existe déjà.",
         "Ce jour de fermeture est encore utilisé par d'autres éléments et ne peut pas être supprimé.",
         "Le jour de fermeture indiqué n'existe pas sur ce site."},
        {entity_label<RoleGrant>(), "Attribution de rôle introuvable.", "Cette attribution de rôle existe déjà.",
         "Cette attribution de rôle est encore utilisée par d'autres éléments et ne peut pas être supprimée.",
         "L'attribution de rôle indiquée n'existe pas sur ce site."},
        {feminine("réservation"), "Réservation introuvable.", "Cette réservation existe déjà.",
         "Cette réservation est encore utilisée par d'autres éléments et ne peut pas être supprimée.",
         "La réservation indiquée n'existe pas sur ce site."},
    };
    for (const auto& e : all) {
        EXPECT_EQ(errors::not_found(e.noun).message, e.not_found);
        EXPECT_EQ(errors::already_exists(e.noun).message, e.exists);
        EXPECT_EQ(errors::in_use(e.noun).message, e.in_use);
        EXPECT_EQ(errors::unknown_reference(e.noun, true).message, e.unknown);
    }
    EXPECT_EQ(errors::unknown_reference(entity_label<Site>()).message, "Le site indiqué n'existe pas.");
}

TEST(Errors, CodesStayAsClientsKnowThem) {
    EXPECT_EQ(errors::not_found(entity_label<Desk>()).code, "not_found");
    EXPECT_EQ(errors::already_exists(entity_label<Desk>()).code, "already_exists");
    EXPECT_EQ(errors::in_use(entity_label<Zone>()).code, "in_use");
    EXPECT_EQ(errors::unknown_reference(entity_label<Floor>(), true).code, "unknown_reference");
    EXPECT_EQ(errors::unknown_reference().code, "unknown_reference");
    EXPECT_EQ(errors::zone_not_on_floor().code, "unknown_reference");
    EXPECT_EQ(errors::beyond_horizon(28).code, "beyond_horizon");
    EXPECT_EQ(errors::beyond_horizon(1).message, "Il n'est pas possible de réserver plus de 1 jour à l'avance.");
    EXPECT_EQ(errors::beyond_horizon(28).message, "Il n'est pas possible de réserver plus de 28 jours à l'avance.");
}

// A refused field is named in the details too (issue 11): forms put the message beside it.
TEST(Errors, FieldErrorsNameTheirField) {
    const Error all[] = {errors::invalid_field("email", "une adresse électronique"), errors::missing_field("date"),
                         errors::invalid_date("date"), errors::invalid_period(), errors::unknown_field("couleur"),
                         errors::wrong_offset("start", "+01:00")};
    const char* fields[] = {"email", "date", "date", "period", "couleur", "start"};
    for (std::size_t i = 0; i < std::size(all); ++i) {
        ASSERT_EQ(all[i].details.size(), 1u) << all[i].code;
        EXPECT_EQ(all[i].details[0].field, fields[i]) << all[i].code;
        EXPECT_EQ(all[i].details[0].message, all[i].message);
        EXPECT_EQ(all[i].details[0].line, 0);
    }
    EXPECT_EQ(all[0].code, "invalid_field");
    EXPECT_TRUE(errors::slot_taken().details.empty());  // a rule, not a field
}

}  // namespace
}  // namespace escale
