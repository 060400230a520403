// SPDX-License-Identifier: EUPL-1.2
#include "core/oidc_errors.hpp"

#include <fmt/format.h>

namespace escale::errors {
namespace {
Error make(ErrorKind k, const char* code, std::string msg) { return Error{k, code, std::move(msg), {}}; }
constexpr ErrorKind refused = ErrorKind::unauthenticated;
}  // namespace

Error oidc_disabled() {
    return make(ErrorKind::not_found, "oidc_disabled",
                "La connexion par ProConnect (OpenID Connect) n'est pas activée sur ce serveur.");
}
Error oidc_provider_unavailable(std::string_view what) {
    return make(ErrorKind::unavailable, "oidc_provider_unavailable",
                fmt::format("Le fournisseur d'identité ne répond pas correctement ({}). Réessayez dans quelques "
                            "minutes.",
                            what));
}
Error oidc_provider_error(std::string_view provider_code) {
    return make(refused, "oidc_provider_error",
                fmt::format("Le fournisseur d'identité a refusé la connexion (« {} »).", provider_code));
}
Error oidc_missing_state() {
    return make(ErrorKind::invalid_input, "oidc_missing_state",
                "Le retour du fournisseur d'identité ne porte pas de paramètre « state » : la connexion est "
                "refusée. Recommencez depuis la page de connexion.");
}
Error oidc_foreign_state() {
    return make(ErrorKind::forbidden, "oidc_foreign_state",
                "Cette connexion n'a pas été commencée depuis ce navigateur : elle est refusée. "
                "Recommencez depuis la page de connexion d'Escale.");
}
Error oidc_unknown_state() {
    return make(ErrorKind::invalid_input, "oidc_unknown_state",
                "Cette tentative de connexion est inconnue, déjà utilisée ou expirée (10 minutes). Recommencez "
                "depuis la page de connexion.");
}
Error oidc_bad_token(std::string_view why) {
    return make(refused, "oidc_bad_token",
                fmt::format("Le jeton d'identité reçu est mal formé ({}) : la connexion est refusée.", why));
}
Error oidc_bad_algorithm(std::string_view alg) {
    return make(refused, "oidc_bad_algorithm",
                fmt::format("Le jeton d'identité est signé avec un algorithme non admis (« {} » ; RS256 ou ES256 "
                            "attendu) : la connexion est refusée.",
                            alg));
}
Error oidc_unknown_key() {
    return make(refused, "oidc_unknown_key",
                "Le jeton d'identité est signé par une clé que le fournisseur d'identité ne publie pas : la "
                "connexion est refusée.");
}
Error oidc_bad_signature() {
    return make(refused, "oidc_bad_signature",
                "La signature du jeton d'identité est invalide : la connexion est refusée.");
}
Error oidc_wrong_issuer() {
    return make(refused, "oidc_wrong_issuer",
                "Le jeton d'identité n'a pas été émis par le fournisseur d'identité configuré : la connexion est "
                "refusée.");
}
Error oidc_wrong_audience() {
    return make(refused, "oidc_wrong_audience",
                "Le jeton d'identité n'est pas destiné à Escale : la connexion est refusée.");
}
Error oidc_expired() {
    return make(refused, "oidc_expired", "Le jeton d'identité a expiré : la connexion est refusée.");
}
Error oidc_bad_iat() {
    return make(refused, "oidc_bad_iat",
                "La date d'émission du jeton d'identité est absente ou dans le futur : la connexion est refusée.");
}
Error oidc_bad_nonce() {
    return make(refused, "oidc_bad_nonce",
                "Le jeton d'identité ne correspond pas à cette tentative de connexion (nonce) : la connexion est "
                "refusée.");
}
Error oidc_bad_userinfo(std::string_view why) {
    return make(refused, "oidc_bad_userinfo",
                fmt::format("Les informations d'identité reçues sont inutilisables ({}) : la connexion est refusée.",
                            why));
}
Error oidc_missing_email() {
    return make(refused, "oidc_missing_email",
                "Le fournisseur d'identité n'a pas transmis d'adresse électronique : la connexion est refusée.");
}
Error oidc_too_many_logins() {
    return make(ErrorKind::unavailable, "oidc_too_many_logins",
                "Trop de connexions sont en cours en ce moment : réessayez dans quelques minutes.");
}
Error oidc_email_not_verified() {
    return make(refused, "oidc_email_not_verified",
                "Le fournisseur d'identité indique que votre adresse électronique n'est pas vérifiée : la connexion "
                "est refusée.");
}
Error oidc_unknown_email(std::string_view email) {
    return make(ErrorKind::forbidden, "oidc_unknown_email",
                fmt::format("L'adresse « {} » ne correspond à aucun résident d'Escale. Demandez au gestionnaire de "
                            "votre site de vous inscrire, puis reconnectez-vous.",
                            email));
}
Error oidc_resident_inactive() {
    return make(ErrorKind::forbidden, "oidc_resident_inactive",
                "Votre compte Escale est désactivé. Adressez-vous au gestionnaire de votre site.");
}
Error oidc_bad_return_path() {
    return make(ErrorKind::invalid_input, "oidc_bad_return_path",
                "L'adresse de retour doit être un chemin de ce site commençant par « / ».");
}

}  // namespace escale::errors
