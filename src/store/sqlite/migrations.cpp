// SPDX-License-Identifier: EUPL-1.2
#include "store/sqlite/migrations.hpp"

#include <array>

namespace escale::sqlite {
namespace {

constexpr std::string_view v1 = R"sql(
CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  sub_m2 REAL NOT NULL,
  opens_at TEXT NOT NULL,
  noon_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  booking_horizon_days INTEGER NOT NULL
);
CREATE TABLE floors (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL,
  level INTEGER NOT NULL,
  plan_svg TEXT NOT NULL
);
CREATE INDEX floors_site ON floors(site_id);
CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (site_id, code)
);
CREATE TABLE zones (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  floor_id INTEGER NOT NULL REFERENCES floors(id),
  service_id INTEGER REFERENCES services(id),
  name TEXT NOT NULL,
  sub_m2 REAL NOT NULL
);
CREATE INDEX zones_site ON zones(site_id);
CREATE TABLE residents (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  service_id INTEGER REFERENCES services(id),
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  fte_percent INTEGER NOT NULL,
  role TEXT NOT NULL,
  active INTEGER NOT NULL
);
CREATE INDEX residents_site ON residents(site_id);
CREATE TABLE desks (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  floor_id INTEGER NOT NULL REFERENCES floors(id),
  zone_id INTEGER REFERENCES zones(id),
  label TEXT NOT NULL,
  x REAL NOT NULL,
  y REAL NOT NULL,
  screens INTEGER NOT NULL,
  dock INTEGER NOT NULL,
  standing INTEGER NOT NULL,
  adapted INTEGER NOT NULL,
  active INTEGER NOT NULL,
  UNIQUE (site_id, label)
);
CREATE INDEX desks_floor ON desks(floor_id);
CREATE TABLE spaces (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  floor_id INTEGER NOT NULL REFERENCES floors(id),
  zone_id INTEGER REFERENCES zones(id),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  x REAL NOT NULL,
  y REAL NOT NULL
);
CREATE INDEX spaces_site ON spaces(site_id);
CREATE TABLE lockers (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  floor_id INTEGER NOT NULL REFERENCES floors(id),
  label TEXT NOT NULL,
  UNIQUE (site_id, label)
);
CREATE TABLE closures (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  date TEXT NOT NULL,
  reason TEXT NOT NULL,
  UNIQUE (site_id, date)
);
CREATE TABLE credentials (
  resident_id INTEGER PRIMARY KEY REFERENCES residents(id),
  password_hash TEXT NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_resident ON sessions(resident_id);
CREATE TABLE desk_bookings (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  desk_id INTEGER NOT NULL REFERENCES desks(id),
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  date TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  state TEXT NOT NULL CHECK (state IN ('reserved', 'checked_in', 'no_show', 'cancelled', 'released')),
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES residents(id),
  state_changed_at INTEGER NOT NULL
);
-- Invariant 1: a desk slot has at most one live booking.
CREATE UNIQUE INDEX desk_bookings_live_slot ON desk_bookings(desk_id, date, half)
  WHERE state IN ('reserved', 'checked_in');
-- Invariant 3: a resident holds at most one desk per slot.
CREATE UNIQUE INDEX desk_bookings_live_resident ON desk_bookings(resident_id, date, half)
  WHERE state IN ('reserved', 'checked_in');
CREATE INDEX desk_bookings_resident_date ON desk_bookings(resident_id, date);
)sql";

// A counter bumped by every write to the referential, so that a process can tell whether
// what it derived from the referential (e.g. a floor's desk list) is still current.
constexpr std::string_view v2 = R"sql(
CREATE TABLE referential_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO referential_version (id, version) VALUES (1, 0);
)sql";

// Periodic jobs: one row per job with its next due instant, and one row per run claimed
// (a job's due instant is claimed by exactly one process, see Transaction::claim_job).
constexpr std::string_view v3 = R"sql(
CREATE TABLE jobs (
  name TEXT PRIMARY KEY,
  next_run_at BIGINT NOT NULL
);
CREATE TABLE job_runs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  run_by TEXT NOT NULL,
  claimed_at BIGINT NOT NULL,
  UNIQUE (name, due_at)
);
)sql";

// Floor availability reads who holds the desk slots of a date, for a range of desk ids: an
// index that answers it in one range scan without touching the table.
constexpr std::string_view v4 = R"sql(
CREATE INDEX desk_bookings_live_holder ON desk_bookings(date, desk_id, half, resident_id, state)
  WHERE state IN ('reserved', 'checked_in');
)sql";

// Roles held on other sites than one's own (core/role_grant.hpp). A grant is unique per
// person, site, role and service.
constexpr std::string_view v5 = R"sql(
CREATE TABLE role_grants (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  service_id INTEGER REFERENCES services(id),
  role TEXT NOT NULL CHECK (role IN ('agent', 'referent', 'gestionnaire', 'lecteur'))
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants(resident_id, site_id, role, coalesce(service_id, 0));
CREATE INDEX role_grants_site ON role_grants(site_id);
)sql";

// Sessions that end after a quiet time; failed logins counted per account and per
// address; API tokens for integrations.
constexpr std::string_view v6 = R"sql(
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;
CREATE TABLE login_throttles (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until BIGINT NOT NULL,
  last_failure BIGINT NOT NULL
);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  read_only INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT
);
CREATE INDEX api_tokens_resident ON api_tokens(resident_id);
)sql";

// OpenID Connect login: logins in progress (keyed by a hash of their state, consumed once),
// the ID token of each session opened through the provider (the id_token_hint of its
// logout; goes with the session), and the service a site registers unknown people into.
constexpr std::string_view v7 = R"sql(
CREATE TABLE oidc_pending_logins (
  state_hash TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  return_to TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX oidc_pending_logins_expiry ON oidc_pending_logins(expires_at);
CREATE TABLE oidc_sessions (
  token_hash TEXT PRIMARY KEY REFERENCES sessions(token_hash) ON DELETE CASCADE,
  id_token TEXT NOT NULL
);
ALTER TABLE sites ADD COLUMN oidc_self_registration_service_id INTEGER
  REFERENCES services(id);
)sql";

// The audit log (core/audit_event.hpp). People are named by id without a foreign key: the
// log outlives the residents it mentions.
constexpr std::string_view v8 = R"sql(
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  at BIGINT NOT NULL,
  site_id BIGINT,
  actor_id BIGINT,
  on_behalf_of BIGINT,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  object_id BIGINT,
  details TEXT NOT NULL
);
CREATE INDEX audit_events_site ON audit_events(site_id, id);
CREATE INDEX audit_events_actor ON audit_events(actor_id);
CREATE INDEX audit_events_on_behalf_of ON audit_events(on_behalf_of);
)sql";

// RGPD: a retention period per site; bookings that outlive their resident's identity
// (resident and author may become NULL) and keep the service they were made for, for
// statistics. SQLite cannot drop a NOT NULL: the table is rebuilt, its indexes with it.
constexpr std::string_view v9 = R"sql(
ALTER TABLE sites ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 13;
CREATE TABLE desk_bookings_v9 (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  desk_id INTEGER NOT NULL REFERENCES desks(id),
  resident_id INTEGER REFERENCES residents(id),
  date TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  state TEXT NOT NULL CHECK (state IN ('reserved', 'checked_in', 'no_show', 'cancelled', 'released')),
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES residents(id),
  state_changed_at INTEGER NOT NULL,
  service_id INTEGER REFERENCES services(id) ON DELETE SET NULL
);
INSERT INTO desk_bookings_v9 (id, site_id, desk_id, resident_id, date, half, state, created_at, created_by,
                              state_changed_at, service_id)
  SELECT b.id, b.site_id, b.desk_id, b.resident_id, b.date, b.half, b.state, b.created_at, b.created_by,
         b.state_changed_at, r.service_id
  FROM desk_bookings b LEFT JOIN residents r ON r.id = b.resident_id;
DROP TABLE desk_bookings;
ALTER TABLE desk_bookings_v9 RENAME TO desk_bookings;
CREATE UNIQUE INDEX desk_bookings_live_slot ON desk_bookings(desk_id, date, half)
  WHERE state IN ('reserved', 'checked_in');
CREATE UNIQUE INDEX desk_bookings_live_resident ON desk_bookings(resident_id, date, half)
  WHERE state IN ('reserved', 'checked_in');
CREATE INDEX desk_bookings_resident_date ON desk_bookings(resident_id, date);
CREATE INDEX desk_bookings_live_holder ON desk_bookings(date, desk_id, half, resident_id, state)
  WHERE state IN ('reserved', 'checked_in');
CREATE INDEX desk_bookings_site_date ON desk_bookings(site_id, date);
CREATE INDEX desk_bookings_created_by ON desk_bookings(created_by);
)sql";

// Lockers (issue 10): a locker's quartier and position on the floor plan, and who holds
// which locker for which period. Invariant 3's locker part: a locker has at most one live
// (unreleased) assignment and a resident at most one, held by two partial unique indexes.
constexpr std::string_view v10 = R"sql(
ALTER TABLE lockers ADD COLUMN zone_id INTEGER REFERENCES zones(id);
ALTER TABLE lockers ADD COLUMN x REAL NOT NULL DEFAULT 0;
ALTER TABLE lockers ADD COLUMN y REAL NOT NULL DEFAULT 0;
CREATE TABLE locker_assignments (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  locker_id INTEGER NOT NULL REFERENCES lockers(id),
  resident_id INTEGER REFERENCES residents(id),
  assigned_at BIGINT NOT NULL,
  assigned_by INTEGER REFERENCES residents(id),
  released_at BIGINT,
  released_by INTEGER REFERENCES residents(id),
  CHECK (released_at IS NOT NULL OR resident_id IS NOT NULL)
);
CREATE UNIQUE INDEX locker_assignments_live_locker ON locker_assignments(locker_id) WHERE released_at IS NULL;
CREATE UNIQUE INDEX locker_assignments_live_resident ON locker_assignments(resident_id) WHERE released_at IS NULL;
CREATE INDEX locker_assignments_resident ON locker_assignments(resident_id);
CREATE INDEX locker_assignments_site ON locker_assignments(site_id, released_at);
)sql";

// Check-in and no-show release (issue 10, item 3): per site, whether check-in is asked for
// and the local times after which unconfirmed morning / afternoon bookings are released.
constexpr std::string_view v11 = R"sql(
ALTER TABLE sites ADD COLUMN check_in_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sites ADD COLUMN release_am_at TEXT NOT NULL DEFAULT '10:00';
ALTER TABLE sites ADD COLUMN release_pm_at TEXT NOT NULL DEFAULT '14:30';
)sql";

// collective spaces
// Collective space bookings: ranges [start_at, end_at) in seconds. Invariant 2 (no overlap
// of a space's live bookings) is held by the check inside the serialised write transaction.
constexpr std::string_view v12 = R"sql(
CREATE TABLE space_bookings (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  space_id INTEGER NOT NULL REFERENCES spaces(id),
  resident_id INTEGER REFERENCES residents(id),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  attendees INTEGER NOT NULL CHECK (attendees >= 1),
  subject TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('reserved', 'checked_in', 'no_show', 'cancelled', 'released')),
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES residents(id),
  state_changed_at INTEGER NOT NULL,
  service_id INTEGER REFERENCES services(id) ON DELETE SET NULL,
  CHECK (end_at > start_at)
);
CREATE INDEX space_bookings_live_space ON space_bookings(space_id, start_at, end_at)
  WHERE state IN ('reserved', 'checked_in');
CREATE INDEX space_bookings_resident ON space_bookings(resident_id, start_at);
CREATE INDEX space_bookings_created_by ON space_bookings(created_by);
CREATE INDEX space_bookings_site_end ON space_bookings(site_id, end_at);
)sql";

// The State's real-estate indicators (issue 13, item 2): resident categories with the weight
// their members count with, each resident's category, and each site's baseline surface.
constexpr std::string_view v13 = R"sql(
CREATE TABLE resident_categories (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL,
  weight REAL NOT NULL,
  UNIQUE (site_id, name)
);
ALTER TABLE residents ADD COLUMN category_id INTEGER REFERENCES resident_categories(id);
CREATE INDEX residents_category ON residents(category_id);
ALTER TABLE sites ADD COLUMN baseline_sub_m2 REAL;
)sql";

// Calendar feeds (issue 13, item 4): each resident's secret subscription address.
constexpr std::string_view v14 = R"sql(
CREATE TABLE calendar_feeds (
  resident_id INTEGER PRIMARY KEY REFERENCES residents(id),
  token TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
)sql";

// presence planning (issue 10, item 6)
// Declared half-days, the weekly default pattern and whether colleagues may find the
// resident. Effective presence (bookings first) is computed on read, never stored.
constexpr std::string_view v15 = R"sql(
CREATE TABLE presence_declarations (
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  site_id INTEGER NOT NULL REFERENCES sites(id),
  date TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  status TEXT NOT NULL CHECK (status IN ('sur_site', 'teletravail', 'absent', 'mission')),
  declared_at INTEGER NOT NULL,
  declared_by INTEGER REFERENCES residents(id),
  PRIMARY KEY (resident_id, date, half)
);
CREATE INDEX presence_declarations_site_date ON presence_declarations(site_id, date);
CREATE INDEX presence_declarations_declared_by ON presence_declarations(declared_by);
CREATE TABLE presence_patterns (
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  status TEXT NOT NULL CHECK (status IN ('sur_site', 'teletravail', 'absent', 'mission')),
  PRIMARY KEY (resident_id, weekday, half)
);
CREATE TABLE presence_settings (
  resident_id INTEGER PRIMARY KEY REFERENCES residents(id),
  visible_to_colleagues INTEGER NOT NULL DEFAULT 0
);
)sql";

// Fair-booking rules and waitlist (issue 10, items 4 and 5): the site's rules, whether a
// resident needs an adapted desk, and the waitlist; a resident waits at most once per slot.
constexpr std::string_view v16 = R"sql(
ALTER TABLE sites ADD COLUMN weekly_half_day_quota INTEGER;
ALTER TABLE sites ADD COLUMN quartier_priority_hours INTEGER;
ALTER TABLE sites ADD COLUMN adapted_desks_reserved INTEGER NOT NULL DEFAULT 0;
ALTER TABLE residents ADD COLUMN needs_adapted_desk INTEGER NOT NULL DEFAULT 0;
CREATE TABLE waitlist_entries (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  floor_id INTEGER REFERENCES floors(id) ON DELETE CASCADE,
  zone_id INTEGER REFERENCES zones(id) ON DELETE CASCADE,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  date TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  state TEXT NOT NULL CHECK (state IN ('waiting', 'promoted', 'left')),
  created_at INTEGER NOT NULL,
  state_changed_at INTEGER NOT NULL,
  booking_id INTEGER REFERENCES desk_bookings(id)
);
CREATE UNIQUE INDEX waitlist_entries_waiting_resident ON waitlist_entries(resident_id, date, half)
  WHERE state = 'waiting';
CREATE INDEX waitlist_entries_waiting_slot ON waitlist_entries(site_id, date, half, id) WHERE state = 'waiting';
CREATE INDEX waitlist_entries_resident ON waitlist_entries(resident_id, date);
)sql";

// notifications (issue 10, item 7)
// In-app notifications and the mail outbox. A mail is written in the transaction of the change
// it tells about and sent later by the outbox job, claimed by one server at a time (claimed_by,
// lease_until; 0 when unclaimed).
constexpr std::string_view v17 = R"sql(
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  site_id INTEGER NOT NULL REFERENCES sites(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE INDEX notifications_resident ON notifications(resident_id, id);
CREATE INDEX notifications_unread ON notifications(resident_id) WHERE read_at IS NULL;
CREATE INDEX notifications_site_created ON notifications(site_id, created_at);
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  notification_id INTEGER REFERENCES notifications(id),
  site_id INTEGER NOT NULL REFERENCES sites(id),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  lease_until INTEGER NOT NULL DEFAULT 0,
  sent_at INTEGER,
  failed_at INTEGER,
  last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_notification ON mail_outbox(notification_id);
CREATE INDEX mail_outbox_site_created ON mail_outbox(site_id, created_at);
)sql";

// live updates (issue 11): every change of a desk booking of yesterday or later (a new one, a
// new state) noted with its floor, day and instant (milliseconds, the database's clock), so
// that every server can tell its open plans within a second (app/desk_change_feed). Written by
// triggers, whatever path changed the booking; kept a few minutes (forget_changes_before).
// Numbered v17 for the merge (the lead renumbers).
constexpr std::string_view v18 = R"sql(
CREATE TABLE desk_changes (
  id INTEGER PRIMARY KEY,
  floor_id INTEGER NOT NULL,
  date TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX desk_changes_at ON desk_changes(at);
CREATE TRIGGER desk_changes_on_insert AFTER INSERT ON desk_bookings
  WHEN NEW.date >= date('now', '-1 day')
BEGIN
  INSERT INTO desk_changes (floor_id, date, at)
    SELECT floor_id, NEW.date, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
      FROM desks WHERE id = NEW.desk_id;
END;
CREATE TRIGGER desk_changes_on_state AFTER UPDATE OF state ON desk_bookings
  WHEN OLD.state IS NOT NEW.state AND NEW.date >= date('now', '-1 day')
BEGIN
  INSERT INTO desk_changes (floor_id, date, at)
    SELECT floor_id, NEW.date, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
      FROM desks WHERE id = NEW.desk_id;
END;
)sql";

// planning engine (issue 12): scenarios saved on a site, their question and answer as JSON
// text; gone with their site; the author forgotten with the person (NULL).
constexpr std::string_view v19 = R"sql(
CREATE TABLE planning_scenarios (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  input TEXT NOT NULL,
  result TEXT NOT NULL,
  author_id INTEGER REFERENCES residents(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX planning_scenarios_site ON planning_scenarios(site_id, created_at);
)sql";

// occupancy analytics (issue 13, item 1): desk demand turned away, kept per site and
// half-day once the waitlist entries it was counted from are purged (the waitlist store
// adds them up here before deleting them), and booking attempts refused for a desk taken
// meanwhile; flash counts (a gestionnaire's count of people present, no personal data);
// and an index that lets the desk analytics read a site's year of bookings from the index alone.
// Numbered v20 for the merge (the lead renumbers).
constexpr std::string_view v20 = R"sql(
CREATE TABLE desk_demand_days (
  site_id INTEGER NOT NULL REFERENCES sites(id),
  date TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  waitlist_unserved INTEGER NOT NULL DEFAULT 0,
  refused INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, date, half)
);
CREATE TABLE flash_counts (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  floor_id INTEGER REFERENCES floors(id) ON DELETE CASCADE,
  counted_at INTEGER NOT NULL,
  date TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  people INTEGER NOT NULL CHECK (people >= 0)
);
CREATE INDEX flash_counts_site_date ON flash_counts(site_id, date);
CREATE INDEX desk_bookings_usage ON desk_bookings(site_id, date, half, desk_id, service_id, state);
)sql";

// surveys (issue 13, item 5): questionnaires for services of a site, answered once and
// anonymously. Who answered (survey_participations) is kept apart from what was answered;
// answers wait in the survey's ballot box (rewritten whole at each answer) and are kept in
// survey_answers in mixed batches, under random ids, with no resident and no time. On SQLite
// the anonymous tables are WITHOUT ROWID, so their rows lie in the order of random keys.
// Numbered v21 for the merge (the lead renumbers).
constexpr std::string_view v21 = R"sql(
CREATE TABLE surveys (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  created_by INTEGER REFERENCES residents(id),
  created_at INTEGER NOT NULL,
  template_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX surveys_site ON surveys(site_id, opens_on);
CREATE INDEX surveys_created_by ON surveys(created_by);
CREATE TABLE survey_services (
  survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (survey_id, service_id)
);
CREATE INDEX survey_services_service ON survey_services(service_id);
CREATE TABLE survey_questions (
  id INTEGER PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('scale', 'single_choice', 'multiple_choice', 'free_text')),
  prompt TEXT NOT NULL,
  choices TEXT NOT NULL DEFAULT '',
  scale_min INTEGER NOT NULL,
  scale_max INTEGER NOT NULL,
  min_label TEXT NOT NULL DEFAULT '',
  max_label TEXT NOT NULL DEFAULT '',
  required INTEGER NOT NULL DEFAULT 0,
  UNIQUE (survey_id, position)
);
CREATE TABLE survey_participations (
  survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  PRIMARY KEY (survey_id, resident_id)
) WITHOUT ROWID;
CREATE INDEX survey_participations_resident ON survey_participations(resident_id);
CREATE TABLE survey_ballot_box (
  ballot INTEGER NOT NULL,
  question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
  survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  service_id INTEGER REFERENCES services(id) ON DELETE SET NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (ballot, question_id)
) WITHOUT ROWID;
CREATE INDEX survey_ballot_box_survey ON survey_ballot_box(survey_id);
CREATE TABLE survey_answers (
  id INTEGER PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
  service_id INTEGER REFERENCES services(id) ON DELETE SET NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX survey_answers_survey ON survey_answers(survey_id, question_id);
)sql";

// remontées (issue 13, item 6): irritants and ideas, signed or anonymous (no author kept),
// their supports (one per resident) and the project team's answer.
// Numbered v22 for the merge (the lead renumbers).
constexpr std::string_view v22 = R"sql(
CREATE TABLE remontees (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites(id),
  kind TEXT NOT NULL CHECK (kind IN ('irritant', 'idee')),
  theme TEXT NOT NULL CHECK (theme IN ('bruit', 'rangement', 'reservation', 'confidentialite', 'equipements', 'autre')),
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  author_id INTEGER REFERENCES residents(id),
  service_id INTEGER REFERENCES services(id) ON DELETE SET NULL,
  status TEXT NOT NULL DEFAULT 'nouvelle' CHECK (status IN ('nouvelle', 'en_cours', 'traitee')),
  answer TEXT NOT NULL DEFAULT '',
  answered_by INTEGER REFERENCES residents(id),
  answered_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX remontees_site ON remontees(site_id, id);
CREATE INDEX remontees_author ON remontees(author_id);
CREATE INDEX remontees_answered_by ON remontees(answered_by);
CREATE TABLE remontee_supports (
  remontee_id INTEGER NOT NULL REFERENCES remontees(id) ON DELETE CASCADE,
  resident_id INTEGER NOT NULL REFERENCES residents(id),
  PRIMARY KEY (remontee_id, resident_id)
);
CREATE INDEX remontee_supports_resident ON remontee_supports(resident_id);
)sql";

// occupancy analytics at a year's scale (issue 13, item 1): the dashboard reads daily
// counters instead of a year of bookings. desk_usage_days counts the desk bookings that are
// not cancelled per site, half-day, desk's floor and quartier (0: none) and service booked for
// (0: none); space_usage_days the collective-space bookings per local day of their start and
// space, space_service_days the same per service, with the seats offered (the spaces'
// capacities). Triggers keep them in the writing transaction, whatever writes (the use
// cases, the jobs, an import): a booking counts as it is inserted, moves between counters as
// its state, desk or service changes, and leaves them when deleted; a desk moved to another
// floor or quartier, a space whose capacity changes and a site whose time zone changes carry
// their history with them, so the counters always equal what the bookings say (the store
// tests recompute them from the rows). Anonymising a booking changes none of their columns:
// the retention purge leaves the figures unchanged. escale_local_date(instant, zone) is the
// driver's function (store/sqlite/local_date_function). Rows may fall to zero: readers skip them.
// Also (issue 13, item 4): each collective space's secret calendar address, for its door screen;
// and (retention) the supports of a remontée counted once their people are forgotten.
constexpr std::string_view v23 = R"sql(
CREATE TABLE desk_usage_days (
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  half TEXT NOT NULL,
  floor_id INTEGER NOT NULL,
  zone_id INTEGER NOT NULL,
  service_id INTEGER NOT NULL,
  booked INTEGER NOT NULL,
  checked_in INTEGER NOT NULL,
  no_show INTEGER NOT NULL,
  PRIMARY KEY (site_id, date, half, floor_id, zone_id, service_id)
) WITHOUT ROWID;
INSERT INTO desk_usage_days
  SELECT b.site_id, b.date, b.half, d.floor_id, coalesce(d.zone_id, 0), coalesce(b.service_id, 0), count(*),
         sum(b.state IN ('checked_in', 'released')), sum(b.state = 'no_show')
    FROM desk_bookings b JOIN desks d ON d.id = b.desk_id WHERE b.state <> 'cancelled'
    GROUP BY b.site_id, b.date, b.half, d.floor_id, d.zone_id, b.service_id;
CREATE TRIGGER desk_usage_days_inserted AFTER INSERT ON desk_bookings WHEN NEW.state <> 'cancelled' BEGIN
  INSERT INTO desk_usage_days
    SELECT NEW.site_id, NEW.date, NEW.half, d.floor_id, coalesce(d.zone_id, 0), coalesce(NEW.service_id, 0), 1,
           NEW.state IN ('checked_in', 'released'), NEW.state = 'no_show' FROM desks d WHERE d.id = NEW.desk_id
  ON CONFLICT DO UPDATE SET booked = booked + excluded.booked, checked_in = checked_in + excluded.checked_in,
                            no_show = no_show + excluded.no_show;
END;
CREATE TRIGGER desk_usage_days_deleted AFTER DELETE ON desk_bookings WHEN OLD.state <> 'cancelled' BEGIN
  UPDATE desk_usage_days SET booked = booked - 1, checked_in = checked_in - (OLD.state IN ('checked_in', 'released')),
                             no_show = no_show - (OLD.state = 'no_show')
    WHERE site_id = OLD.site_id AND date = OLD.date AND half = OLD.half AND service_id = coalesce(OLD.service_id, 0)
      AND floor_id = (SELECT floor_id FROM desks WHERE id = OLD.desk_id)
      AND zone_id = (SELECT coalesce(zone_id, 0) FROM desks WHERE id = OLD.desk_id);
END;
CREATE TRIGGER desk_usage_days_updated AFTER UPDATE OF site_id, desk_id, date, half, state, service_id ON desk_bookings
  WHEN OLD.site_id IS NOT NEW.site_id OR OLD.desk_id IS NOT NEW.desk_id OR OLD.date IS NOT NEW.date
    OR OLD.half IS NOT NEW.half OR OLD.state IS NOT NEW.state OR OLD.service_id IS NOT NEW.service_id BEGIN
  UPDATE desk_usage_days SET booked = booked - 1, checked_in = checked_in - (OLD.state IN ('checked_in', 'released')),
                             no_show = no_show - (OLD.state = 'no_show')
    WHERE OLD.state <> 'cancelled' AND site_id = OLD.site_id AND date = OLD.date AND half = OLD.half
      AND service_id = coalesce(OLD.service_id, 0) AND floor_id = (SELECT floor_id FROM desks WHERE id = OLD.desk_id)
      AND zone_id = (SELECT coalesce(zone_id, 0) FROM desks WHERE id = OLD.desk_id);
  INSERT INTO desk_usage_days
    SELECT NEW.site_id, NEW.date, NEW.half, d.floor_id, coalesce(d.zone_id, 0), coalesce(NEW.service_id, 0), 1,
           NEW.state IN ('checked_in', 'released'), NEW.state = 'no_show'
      FROM desks d WHERE d.id = NEW.desk_id AND NEW.state <> 'cancelled'
  ON CONFLICT DO UPDATE SET booked = booked + excluded.booked, checked_in = checked_in + excluded.checked_in,
                            no_show = no_show + excluded.no_show;
END;
CREATE TRIGGER desk_usage_days_desk_moved AFTER UPDATE OF floor_id, zone_id ON desks
  WHEN OLD.floor_id IS NOT NEW.floor_id OR OLD.zone_id IS NOT NEW.zone_id BEGIN
  INSERT INTO desk_usage_days
    SELECT b.site_id, b.date, b.half, m.floor_id, m.zone_id, coalesce(b.service_id, 0), m.sign * count(*),
           m.sign * sum(b.state IN ('checked_in', 'released')), m.sign * sum(b.state = 'no_show')
      FROM desk_bookings b, (SELECT OLD.floor_id AS floor_id, coalesce(OLD.zone_id, 0) AS zone_id, -1 AS sign
                             UNION ALL SELECT NEW.floor_id, coalesce(NEW.zone_id, 0), 1) m
      WHERE b.desk_id = NEW.id AND b.state <> 'cancelled'
      GROUP BY b.site_id, b.date, b.half, m.floor_id, m.zone_id, b.service_id, m.sign
  ON CONFLICT DO UPDATE SET booked = booked + excluded.booked, checked_in = checked_in + excluded.checked_in,
                            no_show = no_show + excluded.no_show;
END;

CREATE TABLE space_usage_days (
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  space_id INTEGER NOT NULL,
  bookings INTEGER NOT NULL,
  seconds INTEGER NOT NULL,
  attendees INTEGER NOT NULL,
  unused INTEGER NOT NULL,
  PRIMARY KEY (site_id, date, space_id)
) WITHOUT ROWID;
CREATE TABLE space_service_days (
  site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  service_id INTEGER NOT NULL,
  bookings INTEGER NOT NULL,
  seconds INTEGER NOT NULL,
  attendees INTEGER NOT NULL,
  seats INTEGER NOT NULL,
  unused INTEGER NOT NULL,
  PRIMARY KEY (site_id, date, service_id)
) WITHOUT ROWID;
CREATE VIEW space_usage_sources AS
  SELECT b.id, b.site_id, escale_local_date(b.start_at, s.time_zone) AS date, b.space_id,
         coalesce(b.service_id, 0) AS service_id, b.end_at - b.start_at AS seconds, b.attendees,
         sp.capacity AS seats, b.state = 'no_show' AS unused
    FROM space_bookings b JOIN sites s ON s.id = b.site_id JOIN spaces sp ON sp.id = b.space_id
    WHERE b.state <> 'cancelled';
INSERT INTO space_usage_days
  SELECT site_id, date, space_id, count(*), sum(seconds), sum(attendees), sum(unused) FROM space_usage_sources
    GROUP BY site_id, date, space_id;
INSERT INTO space_service_days
  SELECT site_id, date, service_id, count(*), sum(seconds), sum(attendees), sum(seats), sum(unused)
    FROM space_usage_sources GROUP BY site_id, date, service_id;
CREATE TRIGGER space_usage_days_inserted AFTER INSERT ON space_bookings WHEN NEW.state <> 'cancelled' BEGIN
  INSERT INTO space_usage_days SELECT site_id, date, space_id, 1, seconds, attendees, unused
    FROM space_usage_sources WHERE id = NEW.id
  ON CONFLICT DO UPDATE SET bookings = bookings + 1, seconds = seconds + excluded.seconds,
                            attendees = attendees + excluded.attendees, unused = unused + excluded.unused;
  INSERT INTO space_service_days SELECT site_id, date, service_id, 1, seconds, attendees, seats, unused
    FROM space_usage_sources WHERE id = NEW.id
  ON CONFLICT DO UPDATE SET bookings = bookings + 1, seconds = seconds + excluded.seconds,
                            attendees = attendees + excluded.attendees, seats = seats + excluded.seats,
                            unused = unused + excluded.unused;
END;
CREATE TRIGGER space_usage_days_deleted AFTER DELETE ON space_bookings WHEN OLD.state <> 'cancelled' BEGIN
  UPDATE space_usage_days SET bookings = bookings - 1, seconds = seconds - (OLD.end_at - OLD.start_at),
                              attendees = attendees - OLD.attendees, unused = unused - (OLD.state = 'no_show')
    WHERE site_id = OLD.site_id AND space_id = OLD.space_id
      AND date = (SELECT escale_local_date(OLD.start_at, time_zone) FROM sites WHERE id = OLD.site_id);
  UPDATE space_service_days SET bookings = bookings - 1, seconds = seconds - (OLD.end_at - OLD.start_at),
                                attendees = attendees - OLD.attendees,
                                seats = seats - (SELECT capacity FROM spaces WHERE id = OLD.space_id),
                                unused = unused - (OLD.state = 'no_show')
    WHERE site_id = OLD.site_id AND service_id = coalesce(OLD.service_id, 0)
      AND date = (SELECT escale_local_date(OLD.start_at, time_zone) FROM sites WHERE id = OLD.site_id);
END;
CREATE TRIGGER space_usage_days_updated
  AFTER UPDATE OF site_id, space_id, start_at, end_at, attendees, state, service_id ON space_bookings
  WHEN OLD.site_id IS NOT NEW.site_id OR OLD.space_id IS NOT NEW.space_id OR OLD.start_at IS NOT NEW.start_at
    OR OLD.end_at IS NOT NEW.end_at OR OLD.attendees IS NOT NEW.attendees OR OLD.state IS NOT NEW.state
    OR OLD.service_id IS NOT NEW.service_id BEGIN
  UPDATE space_usage_days SET bookings = bookings - 1, seconds = seconds - (OLD.end_at - OLD.start_at),
                              attendees = attendees - OLD.attendees, unused = unused - (OLD.state = 'no_show')
    WHERE OLD.state <> 'cancelled' AND site_id = OLD.site_id AND space_id = OLD.space_id
      AND date = (SELECT escale_local_date(OLD.start_at, time_zone) FROM sites WHERE id = OLD.site_id);
  UPDATE space_service_days SET bookings = bookings - 1, seconds = seconds - (OLD.end_at - OLD.start_at),
                                attendees = attendees - OLD.attendees,
                                seats = seats - (SELECT capacity FROM spaces WHERE id = OLD.space_id),
                                unused = unused - (OLD.state = 'no_show')
    WHERE OLD.state <> 'cancelled' AND site_id = OLD.site_id AND service_id = coalesce(OLD.service_id, 0)
      AND date = (SELECT escale_local_date(OLD.start_at, time_zone) FROM sites WHERE id = OLD.site_id);
  INSERT INTO space_usage_days SELECT site_id, date, space_id, 1, seconds, attendees, unused
    FROM space_usage_sources WHERE id = NEW.id
  ON CONFLICT DO UPDATE SET bookings = bookings + 1, seconds = seconds + excluded.seconds,
                            attendees = attendees + excluded.attendees, unused = unused + excluded.unused;
  INSERT INTO space_service_days SELECT site_id, date, service_id, 1, seconds, attendees, seats, unused
    FROM space_usage_sources WHERE id = NEW.id
  ON CONFLICT DO UPDATE SET bookings = bookings + 1, seconds = seconds + excluded.seconds,
                            attendees = attendees + excluded.attendees, seats = seats + excluded.seats,
                            unused = unused + excluded.unused;
END;
CREATE TRIGGER space_service_days_capacity AFTER UPDATE OF capacity ON spaces
  WHEN OLD.capacity IS NOT NEW.capacity BEGIN
  INSERT INTO space_service_days
    SELECT site_id, date, service_id, 0, 0, 0, (NEW.capacity - OLD.capacity) * count(*), 0
      FROM space_usage_sources WHERE space_id = NEW.id GROUP BY site_id, date, service_id
  ON CONFLICT DO UPDATE SET seats = seats + excluded.seats;
END;
CREATE TRIGGER space_usage_days_rezoned AFTER UPDATE OF time_zone ON sites
  WHEN OLD.time_zone IS NOT NEW.time_zone BEGIN
  DELETE FROM space_usage_days WHERE site_id = NEW.id;
  DELETE FROM space_service_days WHERE site_id = NEW.id;
  INSERT INTO space_usage_days
    SELECT site_id, date, space_id, count(*), sum(seconds), sum(attendees), sum(unused) FROM space_usage_sources
      WHERE site_id = NEW.id GROUP BY site_id, date, space_id;
  INSERT INTO space_service_days
    SELECT site_id, date, service_id, count(*), sum(seconds), sum(attendees), sum(seats), sum(unused)
      FROM space_usage_sources WHERE site_id = NEW.id GROUP BY site_id, date, service_id;
END;

CREATE TABLE space_calendar_feeds (
  space_id INTEGER PRIMARY KEY REFERENCES spaces(id) ON DELETE CASCADE,
  token TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
ALTER TABLE remontees ADD COLUMN forgotten_supports INTEGER NOT NULL DEFAULT 0;
)sql";

// occupancy analytics (issue 13): the days whose counters each server may keep folded in
// memory (app/analytics_cache). A server moves a site's `settled_before` forward (never back),
// at most once a day, to a week before its today; any change to a counter of a day before it,
// whatever makes it (a desk moved, a past booking corrected by hand, an import), adds one to
// the site's `generation`, and a cache made at another generation is not used. SQLite lets one
// writer in at a time, so a change is counted against the boundary in force when it commits.
constexpr std::string_view v24 = R"sql(
CREATE TABLE analytics_settled (
  site_id INTEGER PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  settled_before TEXT NOT NULL,
  generation INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER desk_usage_days_settled_inserted AFTER INSERT ON desk_usage_days
  WHEN NEW.date < (SELECT settled_before FROM analytics_settled WHERE site_id = NEW.site_id) BEGIN
  UPDATE analytics_settled SET generation = generation + 1 WHERE site_id = NEW.site_id;
END;
CREATE TRIGGER desk_usage_days_settled_updated AFTER UPDATE ON desk_usage_days
  WHEN NEW.date < (SELECT settled_before FROM analytics_settled WHERE site_id = NEW.site_id) BEGIN
  UPDATE analytics_settled SET generation = generation + 1 WHERE site_id = NEW.site_id;
END;
CREATE TRIGGER desk_usage_days_settled_deleted AFTER DELETE ON desk_usage_days
  WHEN OLD.date < (SELECT settled_before FROM analytics_settled WHERE site_id = OLD.site_id) BEGIN
  UPDATE analytics_settled SET generation = generation + 1 WHERE site_id = OLD.site_id;
END;
CREATE TRIGGER space_usage_days_settled_inserted AFTER INSERT ON space_usage_days
  WHEN NEW.date < (SELECT settled_before FROM analytics_settled WHERE site_id = NEW.site_id) BEGIN
  UPDATE analytics_settled SET generation = generation + 1 WHERE site_id = NEW.site_id;
END;
CREATE TRIGGER space_usage_days_settled_updated AFTER UPDATE ON space_usage_days
  WHEN NEW.date < (SELECT settled_before FROM analytics_settled WHERE site_id = NEW.site_id) BEGIN
  UPDATE analytics_settled SET generation = generation + 1 WHERE site_id = NEW.site_id;
END;
CREATE TRIGGER space_usage_days_settled_deleted AFTER DELETE ON space_usage_days
  WHEN OLD.date < (SELECT settled_before FROM analytics_settled WHERE site_id = OLD.site_id) BEGIN
  UPDATE analytics_settled SET generation = generation + 1 WHERE site_id = OLD.site_id;
END;
)sql";

constexpr std::array<std::string_view, 24> all{{v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24}};

}  // namespace

std::span<const std::string_view> migrations() { return all; }

}  // namespace escale::sqlite
