// SPDX-License-Identifier: EUPL-1.2
// The `escale` command: serve the API, manage accounts, back up, restore and migrate the
// data. Each sub-command parses its options, opens the store, and calls the same app use
// cases as the HTTP API (operator commands call the store's tools directly).
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/analytics_cache.hpp"
#include "app/demo_loader.hpp"
#include "cli/demo_accounts.hpp"
#include "cli/french_cli.hpp"
#include "cli/plan_command.hpp"
#include "app/floor_plan_cache.hpp"
#include "app/identity/oidc_provider.hpp"
#include "app/identity/passwords.hpp"
#include "app/desk_qr.hpp"
#include "app/periodic_jobs.hpp"
#include "app/referential.hpp"
#include "app/refusal_tally.hpp"
#include "app/transaction.hpp"
#include "core/instant_text.hpp"
#include "demo/demo_site.hpp"
#include "demo/history.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "oidc_client/curl_oidc_http.hpp"
#include "store/migrate_data.hpp"
#include "store/open_store.hpp"
#include "store/sqlite/backup.hpp"
// notifications (issue 10, item 7)
#include "app/mail_message.hpp"
#include "app/mail_outbox.hpp"
#include "app/notifications.hpp"
#include "mail_client/curl_smtp_sender.hpp"

using namespace escale;

namespace {

struct DbOptions {
    std::string url = "sqlite:escale.db";
    std::string sync = "full";
};

void add_db_options(CLI::App& cmd, DbOptions& o) {
    cmd.add_option("--db", o.url, "Base de données : sqlite:CHEMIN ou postgresql://…")->capture_default_str();
    cmd.add_option("--sync", o.sync, "SQLite : full (durable même en cas de coupure) ou normal")
        ->check(cli::one_of({"full", "normal"}))
        ->capture_default_str();
}

Result<std::unique_ptr<Store>> open_db(const DbOptions& o) {
    StoreOptions so;
    so.url = o.url;
    so.sqlite_synchronous_full = o.sync == "full";
    return open_store(so);
}

// Computed at run time (the help shows a description, not the name of the machine that
// happened to print it).
std::string default_instance_name() {
    char host[256] = "escale";
    ::gethostname(host, sizeof host - 1);
    return std::string(host) + ":" + std::to_string(::getpid());
}

// Runs the due periodic jobs every second until stopped.
class JobRunner {
public:
    JobRunner(app::Context ctx, std::vector<app::PeriodicJob> jobs, std::string instance)
        : JobRunner([ctx, jobs = std::move(jobs), instance = std::move(instance)] {
              auto ran = app::run_due_jobs(ctx, jobs, instance);
              if (!ran) spdlog::warn("tâche périodique en échec : {}", ran.error().message);
          }) {}
    // Runs `tick` every second until destroyed (notifications: the mail outbox).
    explicit JobRunner(std::function<void()> tick)
        : thread_([this, tick = std::move(tick)] {
              std::unique_lock lock(mutex_);
              while (!stop_) {
                  lock.unlock();
                  tick();
                  lock.lock();
                  wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; });
              }
          }) {}
    ~JobRunner() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;  // last: starts once the members above exist
};

int report(const Error& e) {
    std::cerr << "erreur (" << e.code << ") : " << e.message << "\n";
    for (auto& d : e.details)
        if (d.message != e.message) std::cerr << "  " << d.message << "\n";  // a field's error says it once
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"Escale — le flex office des services de l'État", "escale"};
    cli::french_command(cli);
    cli.require_subcommand(1);
    cli.add_flag_callback(
        "--version",
        [] {
            std::cout << "escale " << ESCALE_VERSION << "\n";
            throw CLI::Success();
        },
        "Affiche la version et quitte");

    // ---- serve ----
    auto* serve = cli.add_subcommand("serve", "Lance le serveur HTTP (API et application web)");
    DbOptions serve_db;
    std::string listen = "127.0.0.1:8080", demo_profile = "pilot", test_clock;
    int threads = 0;
    add_db_options(*serve, serve_db);
    serve->add_option("--listen", listen, "Adresse d'écoute HÔTE:PORT (port 0 : un port libre)")->capture_default_str();
    serve->add_option("--demo", demo_profile, "Données de démonstration si la base est vide")
        ->check(cli::one_of({"pilot", "cite", "none"}))
        ->capture_default_str();
    std::string demo_history = "full";
    serve->add_option("--demo-history", demo_history,
                      "Réservations de démonstration : full (les 8 dernières semaines et les prochains jours), "
                      "past (les 8 dernières semaines seulement), none (aucune)")
        ->check(CLI::IsMember({"full", "past", "none"}))
        ->capture_default_str();
    serve->add_option("--threads", threads,
                      "Fils d'exécution (0 : un par cœur plus un avec SQLite, quatre par cœur avec PostgreSQL)");
    int session_purge_seconds = 600;
    std::string instance;
    serve->add_option("--session-purge-interval", session_purge_seconds,
                      "Secondes entre deux purges des sessions expirées")
        ->check(cli::between(1, 86400))
        ->capture_default_str();
    int retention_seconds = 3600;
    serve->add_option("--retention-interval", retention_seconds,
                      "Secondes entre deux passages de la politique de conservation (anonymisation des réservations anciennes)")
        ->check(cli::between(1, 7 * 86400))
        ->capture_default_str();
    serve->add_option("--instance", instance, "Nom de ce serveur dans les traces des tâches périodiques")
        ->default_str("nom de la machine:numéro du processus");
    bool secure_cookies = false;
    std::vector<std::string> trusted_proxies;
    serve->add_option("--trusted-proxy", trusted_proxies,
                      "Adresse IP d'un mandataire inverse dont l'en-tête X-Forwarded-For est cru (répétable)");
    serve->add_flag("--secure-cookies", secure_cookies,
                    "Cookies marqués Secure (quand les navigateurs arrivent en HTTPS, par un mandataire inverse)");
    std::string web_root;
    serve->add_option("--web-root", web_root,
                      "Dossier de l'application web construite (web/build.mjs) ; par défaut web/ à côté de "
                      "l'exécutable, puis ../share/escale/web");
    serve->add_option("--test-clock", test_clock,
                      "Mode test : horloge réglable, démarrant à cet instant UTC (AAAA-MM-JJTHH:MM:SSZ)")
        ->group("");  // for tests only: hidden from the help
    bool test_cheap_passwords = false;
    serve->add_flag("--test-cheap-passwords", test_cheap_passwords,
                    "Mode test : mots de passe hachés au coût minimal (argon2id, 1 passe, 8 Kio)")
        ->group("");  // for tests only: hidden from the help
    app::OidcConfig oidc;
    std::string oidc_secret_file;
    SiteId oidc_default_site = 0;
    serve->add_option("--oidc-issuer", oidc.issuer,
                      "Connexion OpenID Connect (ProConnect) : URL de l'émetteur ; sans elle, la connexion par "
                      "ProConnect est désactivée");
    serve->add_option("--oidc-client-id", oidc.client_id, "OpenID Connect : identifiant du client Escale");
    serve->add_option("--oidc-client-secret-file", oidc_secret_file,
                      "OpenID Connect : fichier contenant le secret du client (jamais sur la ligne de commande)");
    serve->add_option("--oidc-redirect-url", oidc.redirect_url,
                      "OpenID Connect : URL de retour déclarée chez le fournisseur (…/api/v1/auth/oidc/callback)");
    serve->add_option("--oidc-post-logout-url", oidc.post_logout_redirect_url,
                      "OpenID Connect : URL où le fournisseur renvoie après la déconnexion (facultatif)");
    int oidc_max_pending = 10'000;
    serve->add_option("--oidc-max-pending-logins", oidc_max_pending,
                      "Connexions ProConnect en cours au plus, tous serveurs confondus")
        ->check(cli::between(1, 10'000'000))
        ->capture_default_str();
    serve->add_option("--oidc-default-site", oidc_default_site,
                      "OpenID Connect : site où s'inscrivent les personnes inconnues (si ce site l'autorise) ; "
                      "sans elle, le seul site qui l'autorise");
    // Check-in (issue 10, item 3).
    std::string public_url;
    serve->add_option("--public-url", public_url,
                      "Adresse publique de l'application web, vers laquelle pointent les codes QR des postes "
                      "(…/p/NUMÉRO)")
        ->default_str("http://ADRESSE de --listen");
    int no_show_release_seconds = 60;
    serve->add_option("--no-show-release-interval", no_show_release_seconds,
                      "Secondes entre deux passages de la libération des réservations sans arrivée signalée")
        ->check(cli::between(1, 3600))
        ->capture_default_str();

    // Notifications (issue 10, item 7).
    std::string smtp_url, smtp_from = "escale@localhost";
    serve->add_option("--smtp-url", smtp_url,
                      "Relais de messagerie des notifications : smtp://HÔTE:PORT (STARTTLS s'il est proposé) ou "
                      "smtps://HÔTE:PORT ; sans lui, les notifications restent dans l'application");
    serve->add_option("--smtp-from", smtp_from, "Adresse d'expédition des courriels de notification")
        ->capture_default_str();
    int mail_retry_seconds = 30;
    serve->add_option("--mail-retry-seconds", mail_retry_seconds,
                      "Secondes avant le premier nouvel essai d'un courriel en échec (doublées à chaque essai)")
        ->check(cli::between(1, 3600))
        ->capture_default_str();
    // Hardening (issue 14): resource limits and the access log.
    std::size_t max_connections = 0;
    serve->add_option("--max-connections", max_connections,
                      "Connexions ouvertes à la fois ; au-delà, les connexions inactives les plus anciennes sont "
                      "fermées (0 : la limite de fichiers ouverts du processus, moins une réserve)")
        ->capture_default_str();
    std::size_t unsent_budget_mib = 256;
    serve->add_option("--unsent-budget", unsent_budget_mib,
                      "Mio de réponses construites pour une requête et pas encore lues par des clients lents ; "
                      "au-delà, une réponse de plus de 64 Kio est remplacée par 503 server_busy")
        ->check(cli::between(1, 1 << 20))
        ->capture_default_str();
    std::string access_log = "off";
    serve->add_option("--access-log", access_log,
                      "Journal des accès sur la sortie d'erreur : off, text ou json (une ligne JSON par requête ; "
                      "ni chemin, ni paramètres, ni donnée personnelle)")
        ->check(cli::one_of({"off", "text", "json"}))
        ->capture_default_str();
    // hardening (issue 14): who may read GET /metrics
    std::string metrics_token;
    serve->add_option("--metrics-token", metrics_token,
                      "Jeton que présente l'outil de collecte des métriques (Authorization: Bearer …) ; sans lui, "
                      "GET /metrics ne répond qu'aux clients de cette machine venus sans mandataire")
        ->envname("ESCALE_METRICS_TOKEN");

    // ---- user add ----
    auto* user = cli.add_subcommand("user", "Gère les comptes locaux");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand("add", "Crée un résident avec un compte local (mot de passe lu sur l'entrée standard)");
    DbOptions user_db;
    std::string email, name, role = "agent", service_code;
    SiteId site_id = 0;
    add_db_options(*user_add, user_db);
    user_add->add_option("--email", email, "Adresse électronique")->required();
    user_add->add_option("--name", name, "Nom affiché")->required();
    user_add->add_option("--role", role, "Rôle")->check(cli::one_of({"agent", "referent", "gestionnaire", "lecteur", "admin"}))->capture_default_str();
    user_add->add_option("--service", service_code, "Code du service");
    user_add->add_option("--site", site_id, "Identifiant du site (par défaut : le premier)");

    // ---- backup / restore (SQLite) ----
    auto* backup_cmd = cli.add_subcommand("backup", "Copie cohérente de la base SQLite, même pendant le service");
    std::string backup_db = "sqlite:escale.db", backup_to;
    backup_cmd->add_option("--db", backup_db, "Base à sauvegarder : sqlite:CHEMIN")->capture_default_str();
    backup_cmd->add_option("--to", backup_to, "Fichier de sauvegarde à écrire")->required();
    auto* restore_cmd = cli.add_subcommand("restore", "Remplace la base SQLite par une sauvegarde vérifiée (serveurs arrêtés)");
    std::string restore_db = "sqlite:escale.db", restore_from;
    restore_cmd->add_option("--db", restore_db, "Base à remplacer : sqlite:CHEMIN")->capture_default_str();
    restore_cmd->add_option("--from", restore_from, "Fichier de sauvegarde")->required();

    // ---- migrate-data ----
    auto* migrate_cmd = cli.add_subcommand("migrate-data", "Transfère une base SQLite vers une base PostgreSQL vide, avec vérification");
    std::string migrate_from, migrate_to;
    migrate_cmd->add_option("--from", migrate_from, "Source : sqlite:CHEMIN")->required();
    migrate_cmd->add_option("--to", migrate_to, "Destination : postgresql://…")->required();

    // ---- plan ----
    cli::PlanCommand plan(cli);

    // ---- qr (issue 10, item 3) ----
    auto* qr_cmd = cli.add_subcommand("qr", "Écrit la planche imprimable (A4) des codes QR des postes d'un niveau");
    DbOptions qr_db;
    add_db_options(*qr_cmd, qr_db);
    FloorId qr_floor = 0;
    std::string qr_public_url = "http://127.0.0.1:8080", qr_out;
    qr_cmd->add_option("--floor", qr_floor, "Identifiant du niveau")->required();
    qr_cmd->add_option("--public-url", qr_public_url, "Adresse publique de l'application web")->capture_default_str();
    qr_cmd->add_option("--out", qr_out, "Fichier HTML à écrire (à imprimer en A4)")->required();

    if (auto status = cli::parse_in_french(cli, argc, argv)) return *status;
    if (plan.chosen()) return plan.run();
    if (instance.empty()) instance = default_instance_name();
    // Logs go to standard error; standard output carries what a caller may parse.
    spdlog::set_default_logger(spdlog::stderr_color_mt("escale"));
    SystemClock system_clock;

    if (*serve) {
        if (test_cheap_passwords) app::use_cheapest_password_hashing();
        auto store = open_db(serve_db);
        if (!store) return report(store.error());
        std::unique_ptr<ManualClock> manual;
        if (!test_clock.empty()) {
            auto t = parse_instant(test_clock);
            if (!t) {
                std::cerr << "erreur : --test-clock attend " << instant_text_expected << "\n";
                return 2;
            }
            manual = std::make_unique<ManualClock>(*t);
        }
        const Clock& clock = manual ? static_cast<const Clock&>(*manual) : system_clock;
        app::FloorPlanCache floor_plans;
        app::RefusalTally refusals;  // occupancy analytics: flushed by the periodic jobs, and at the end
        app::AnalyticsCache analytics;
        app::Context ctx{**store, clock, &floor_plans};
        ctx.refusals = &refusals;
        ctx.analytics = &analytics;
        // notifications: links point to the public address; mails only with a relay.
        if (!smtp_url.empty() && !mail_client::valid_smtp_url(smtp_url)) {
            std::cerr << "erreur : --smtp-url attend smtp://HÔTE:PORT ou smtps://HÔTE:PORT\n";
            return 2;
        }
        if (!smtp_url.empty() && !app::plain_mail_address(smtp_from)) {
            std::cerr << "erreur : --smtp-from attend une adresse électronique simple\n";
            return 2;
        }
        app::NotificationSettings notification_settings{public_url.empty() ? "http://" + listen : public_url,
                                                        !smtp_url.empty()};
        ctx.notifications = &notification_settings;

        std::string demo_accounts;  // printed once listening, when the demo was loaded now
        if (demo_profile != "none") {
            auto site = demo_profile == "cite" ? demo::cite_site() : demo::pilot_site();
            std::optional<demo::HistoryOptions> history;
            if (demo_history != "none")
                history = demo::HistoryOptions{.past_weeks = 8, .coming_days = demo_history == "full" ? 5 : 0};
            const auto started = std::chrono::steady_clock::now();
            auto loaded = app::load_demo_if_empty(ctx, site, history);
            const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            if (!loaded && loaded.error().kind == ErrorKind::conflict) {
                // Another server on the same database loaded it at the same moment.
                spdlog::info("données de démonstration déjà chargées par un autre serveur");
            } else if (!loaded) {
                return report(loaded.error());
            } else if (loaded->loaded) {
                spdlog::info("données de démonstration « {} » chargées en {} ms : {} résidents, {} postes, {} réservations",
                             demo_profile, took.count(), loaded->residents, loaded->desks, loaded->bookings);
                demo_accounts = cli::demo_accounts_text(site, loaded->site_id);
            }
        }

        // Hardening (issue 14, finding 8): plans stored before uploads were cleaned.
        auto cleaned = app::clean_stored_plans(ctx);
        if (!cleaned) return report(cleaned.error());
        if (*cleaned > 0) spdlog::info("{} plan(s) de niveau nettoyé(s) (éléments actifs retirés)", *cleaned);

        http::ServerOptions so;
        auto colon = listen.rfind(':');
        if (colon == std::string::npos) {
            std::cerr << "erreur : --listen attend HÔTE:PORT\n";
            return 2;
        }
        so.host = listen.substr(0, colon);
        try {
            int port = std::stoi(listen.substr(colon + 1));
            if (port < 0 || port > 65535) throw std::out_of_range("port");
            so.port = static_cast<std::uint16_t>(port);
        } catch (const std::exception&) {
            std::cerr << "erreur : port invalide dans --listen\n";
            return 2;
        }
        // libpq calls block an I/O thread for a network round trip: with PostgreSQL, more
        // threads keep the cores busy (bench/README.md, "Databases").
        bool remote_db = serve_db.url.rfind("sqlite:", 0) != 0;
        so.threads = threads > 0 ? threads : remote_db ? 4 * static_cast<int>(std::thread::hardware_concurrency()) : 0;
        so.max_connections = max_connections;  // hardening (issue 14)
        so.unsent_budget = unsent_budget_mib * 1024 * 1024;
        so.access_log = access_log == "json"   ? http::AccessLogFormat::json
                        : access_log == "text" ? http::AccessLogFormat::text
                                               : http::AccessLogFormat::off;
        std::unique_ptr<oidc_client::CurlOidcHttp> oidc_http;
        std::unique_ptr<app::OidcProvider> oidc_provider;
        if (!oidc.issuer.empty()) {
            std::ifstream secret_in(oidc_secret_file);
            std::getline(secret_in, oidc.client_secret);
            while (!oidc.client_secret.empty() && std::isspace(static_cast<unsigned char>(oidc.client_secret.back())))
                oidc.client_secret.pop_back();
            if (oidc_default_site) oidc.self_registration_site = oidc_default_site;
            oidc.max_pending_logins = oidc_max_pending;
            if (auto ok = app::validate(oidc); !ok) return report(ok.error());
            oidc_http = std::make_unique<oidc_client::CurlOidcHttp>();
            oidc_provider = std::make_unique<app::OidcProvider>(oidc, *oidc_http);
            spdlog::info("connexion OpenID Connect activée, émetteur {}", oidc.issuer);
        }
        // The web app: the folder given, or the one found next to the binary; without
        // either, the API alone (/ says how to build the app).
        std::optional<http::StaticFiles> web;
        std::optional<std::filesystem::path> web_folder =
            web_root.empty() ? http::default_web_root() : std::optional<std::filesystem::path>(web_root);
        if (web_folder) {
            auto loaded = http::StaticFiles::load(*web_folder);
            if (!loaded) return report(loaded.error());
            web = std::move(*loaded);
            spdlog::info("application web servie depuis {} ({} fichiers)", web_folder->string(), web->size());
        } else {
            spdlog::warn("application web absente (bash scripts/build.sh la construit) : seule l'API est servie");
        }
        http::ApiOptions api_options{.test_clock = manual.get(),
                                     .secure_cookies = secure_cookies,
                                     .oidc = oidc_provider.get(),
                                     .trusted_proxies = trusted_proxies,
                                     .web = web ? &*web : nullptr,
                                     .public_url = public_url.empty() ? "http://" + listen : public_url,
                                     .metrics_token = metrics_token};
        http::Api api(ctx, api_options);
        JobRunner jobs(ctx, app::standard_jobs(std::chrono::seconds(session_purge_seconds), std::chrono::seconds(retention_seconds),
                                               std::chrono::seconds(no_show_release_seconds)), instance);
        // notifications: every server drains the outbox each second (each mail claimed by one).
        std::unique_ptr<mail_client::CurlSmtpSender> smtp;
        std::unique_ptr<JobRunner> mail_runner;
        if (!smtp_url.empty()) {
            smtp = std::make_unique<mail_client::CurlSmtpSender>(smtp_url);
            app::MailOutboxSettings outbox{.from = smtp_from, .retry_after = std::chrono::seconds(mail_retry_seconds)};
            mail_runner = std::make_unique<JobRunner>([ctx, outbox, instance, sender = smtp.get()] {
                auto pass = app::send_due_mails(ctx, *sender, outbox, instance);
                if (!pass) spdlog::warn("envoi des courriels en échec : {}", pass.error().message);
                else if (pass->failed > 0) spdlog::warn("{} courriel(s) en attente d'un nouvel essai", pass->failed);
            });
            spdlog::info("notifications par courriel via {}", smtp_url);
        }
        auto served = http::serve(so, api, [&](std::uint16_t port) {
            // Tests read this exact line to find the port.
            std::cout << "escale: listening on http://" << so.host << ":" << port << std::endl;
            if (!demo_accounts.empty()) std::cout << demo_accounts << std::flush;
        });
        (void)refusals.flush(ctx);  // the last second's refused bookings
        if (!served) return report(served.error());
        spdlog::info("serveur arrêté");
        return 0;
    }

    auto sqlite_path = [](const std::string& url) -> std::optional<std::string> {
        if (url.rfind("sqlite:", 0) != 0) return std::nullopt;
        return url.substr(7);
    };
    if (*backup_cmd || *restore_cmd) {
        auto path = sqlite_path(*backup_cmd ? backup_db : restore_db);
        if (!path) {
            std::cerr << "erreur : seules les bases sqlite:CHEMIN se sauvegardent ainsi ; pour PostgreSQL, voir docs/operations.md\n";
            return 2;
        }
        auto done = *backup_cmd ? sqlite::backup(*path, backup_to) : sqlite::restore(restore_from, *path);
        if (!done) return report(done.error());
        std::cout << (*backup_cmd ? "sauvegarde écrite : " + backup_to : "base restaurée : " + *path) << "\n";
        return 0;
    }
    if (*migrate_cmd) {
        auto path = sqlite_path(migrate_from);
        if (!path) {
            std::cerr << "erreur : --from attend sqlite:CHEMIN\n";
            return 2;
        }
        auto copied = migrate_sqlite_to_postgres(*path, migrate_to);
        if (!copied) return report(copied.error());
        for (auto& t : *copied) std::cout << t.table << "\t" << t.rows << " lignes\tsha256 " << t.checksum << "\n";
        std::cout << "migration vérifiée : mêmes lignes et mêmes sommes de contrôle des deux côtés\n";
        return 0;
    }

    if (*qr_cmd) {
        auto store = open_db(qr_db);
        if (!store) return report(store.error());
        app::Context ctx{**store, system_clock};
        auto sheet = app::floor_qr_sheet(ctx, app::Actor::system(), qr_floor, qr_public_url);
        if (!sheet) return report(sheet.error());
        std::ofstream out(qr_out, std::ios::binary);
        out << *sheet;
        out.close();
        if (!out) {
            std::cerr << "erreur : impossible d'écrire " << qr_out << "\n";
            return 1;
        }
        std::cout << "planche des codes QR écrite : " << qr_out << "\n";
        return 0;
    }
    if (*user_add) {
        auto store = open_db(user_db);
        if (!store) return report(store.error());
        app::Context ctx{**store, system_clock};
        auto actor = app::Actor::system();
        std::string password;
        std::getline(std::cin, password);
        if (!password.empty() && password.back() == '\r') password.pop_back();

        app::NewUser user{email, name, *parse_role(role), std::nullopt, service_code, password};
        if (site_id) user.site = site_id;
        auto created = app::add_user(ctx, actor, user);
        if (!created) return report(created.error());
        std::cout << "résident créé : " << created->id << " <" << created->email << ">\n";
        return 0;
    }
    return 0;
}
