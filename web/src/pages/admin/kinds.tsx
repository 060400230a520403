// SPDX-License-Identifier: EUPL-1.2
// The referential kinds the administration edits with one generic list and form
// (ReferentialPage): for each, its API collection, its French names, the fields of its form
// and the columns of its table. A field's options come from the site being administered.
import type { ComponentChildren } from 'preact';
import type { Resident, SessionInfo, SiteDetail } from '../../types';
import { holds } from '../../session';

export type Row = Record<string, unknown> & { id: number };

export interface AdminContext {
  site: SiteDetail;
  residents: Resident[];
}

export interface Option {
  value: string;
  label: string;
}

export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  type: 'text' | 'number' | 'date' | 'time' | 'checkbox' | 'select' | 'svg';
  required?: boolean;
  // An empty value is sent as null (an optional reference or number).
  nullable?: boolean;
  // The value is an integer (an identifier chosen in a list, a count).
  integer?: boolean;
  step?: string;
  options?: (ctx: AdminContext) => Option[];
  // Sent only when creating (site_id cannot change afterwards).
  createOnly?: boolean;
  // Shown only to who may change it.
  visible?: (s: SessionInfo) => boolean;
  defaultValue?: string | boolean;
}

export interface Column {
  label: string;
  value: (row: Row, ctx: AdminContext) => ComponentChildren;
}

export interface KindSpec {
  key: string;
  title: string;
  // « quartier » / « fermeture »: the noun of one, and whether it is feminine (créée).
  one: string;
  feminine?: boolean;
  path: string;
  // Listed with ?site_id= and created with the site's id.
  siteScoped: boolean;
  // Needs the site's residents (for the choice of a person).
  needsResidents?: boolean;
  fields: FieldSpec[];
  columns: Column[];
  name: (row: Row, ctx: AdminContext) => string;
  canCreate?: (s: SessionInfo) => boolean;
  canDelete?: (s: SessionInfo) => boolean;
  // Changes that other pages read from the site's detail (floors, quartiers, services).
  changesSite?: boolean;
}

const floorOptions = (ctx: AdminContext) => ctx.site.floors.map((f) => ({ value: String(f.id), label: f.name }));
const zoneOptions = (ctx: AdminContext) => [{ value: '', label: 'Aucun' }, ...ctx.site.zones.map((z) => ({ value: String(z.id), label: z.name }))];
const serviceOptions = (ctx: AdminContext) => [{ value: '', label: 'Aucun' }, ...ctx.site.services.map((s) => ({ value: String(s.id), label: s.name }))];
const nameOf = (list: { id: number; name: string }[], id: unknown) => list.find((x) => x.id === id)?.name ?? '—';
const isAdmin = (s: SessionInfo) => s.resident.role === 'admin';

const spaceTypes: Record<string, string> = {
  meeting_room: 'Salle de réunion',
  bubble: 'Bulle',
  silence_room: 'Salle de silence',
  project_room: 'Salle projet',
  convivial_area: 'Espace convivial',
};
const roleNames: Record<string, string> = {
  agent: 'Agent',
  referent: 'Référent de service',
  gestionnaire: 'Gestionnaire de site',
  lecteur: 'Lecteur',
};

// The roles a resident holds on their own site (a lecteur is a granted role only).
const residentRoles: Record<string, string> = {
  agent: 'Agent',
  referent: 'Référent de service',
  gestionnaire: 'Gestionnaire de site',
  admin: 'Administrateur',
};

export const kinds: KindSpec[] = [
  {
    key: 'sites', title: 'Sites et réglages', one: 'site', path: '/api/v1/sites', siteScoped: false,
    canCreate: isAdmin, canDelete: isAdmin,
    fields: [
      { name: 'name', label: 'Nom du site', type: 'text', required: true },
      { name: 'time_zone', label: 'Fuseau horaire', hint: 'Par exemple Europe/Paris.', type: 'text', required: true, defaultValue: 'Europe/Paris' },
      { name: 'opens_at', label: 'Ouverture', type: 'time', required: true, defaultValue: '08:00' },
      { name: 'noon_at', label: 'Fin du matin', type: 'time', required: true, defaultValue: '13:00' },
      { name: 'closes_at', label: 'Fermeture', type: 'time', required: true, defaultValue: '19:00' },
      { name: 'booking_horizon_days', label: 'Réservation possible à (jours)', type: 'number', integer: true, required: true, defaultValue: '28' },
      { name: 'weekly_half_day_quota', label: 'Quota de demi-journées par semaine', hint: 'Vide : sans quota.', type: 'number', integer: true, nullable: true },
      { name: 'quartier_priority_hours', label: 'Priorité du quartier à son service (heures avant)', hint: 'Vide : sans priorité.', type: 'number', integer: true, nullable: true },
      { name: 'adapted_desks_reserved', label: 'Postes adaptés gardés pour qui en a besoin', type: 'checkbox' },
      { name: 'retention_months', label: 'Durée de conservation (mois)', hint: 'Réservations et journal d\u2019audit plus anciens anonymisés. Administrateur seulement.', type: 'number', integer: true, required: true, defaultValue: '13', visible: isAdmin },
    ],
    columns: [
      { label: 'Nom', value: (r) => String(r.name) },
      { label: 'Horaires', value: (r) => `${r.opens_at} – ${r.noon_at} – ${r.closes_at}` },
      { label: 'Conservation', value: (r) => `${r.retention_months} mois` },
    ],
    name: (r) => String(r.name),
  },
  {
    key: 'niveaux', title: 'Niveaux et plans', one: 'niveau', path: '/api/v1/floors', siteScoped: true, changesSite: true,
    fields: [
      { name: 'name', label: 'Nom du niveau', type: 'text', required: true },
      { name: 'level', label: 'Numéro du niveau', hint: '0 : rez-de-chaussée.', type: 'number', integer: true, required: true, defaultValue: '0' },
      { name: 'plan_svg', label: 'Plan (fichier SVG)', hint: '2 Mo au plus. Laissez vide pour garder le plan actuel.', type: 'svg' },
    ],
    columns: [
      { label: 'Nom', value: (r) => String(r.name) },
      { label: 'Niveau', value: (r) => String(r.level) },
    ],
    name: (r) => String(r.name),
  },
  {
    key: 'quartiers', title: 'Quartiers', one: 'quartier', path: '/api/v1/zones', siteScoped: true, changesSite: true,
    fields: [
      { name: 'name', label: 'Nom du quartier', type: 'text', required: true },
      { name: 'floor_id', label: 'Niveau', type: 'select', integer: true, required: true, options: floorOptions, createOnly: false },
      { name: 'service_id', label: 'Service accueilli', type: 'select', integer: true, nullable: true, options: serviceOptions },
      { name: 'sub_m2', label: 'Surface (m²)', type: 'number', step: 'any', defaultValue: '0' },
    ],
    columns: [
      { label: 'Nom', value: (r) => String(r.name) },
      { label: 'Niveau', value: (r, c) => nameOf(c.site.floors, r.floor_id) },
      { label: 'Service', value: (r, c) => nameOf(c.site.services, r.service_id) },
    ],
    name: (r) => String(r.name),
  },
  {
    key: 'postes', title: 'Postes', one: 'poste', path: '/api/v1/desks', siteScoped: true,
    fields: [
      { name: 'label', label: 'Libellé', hint: 'Unique sur le site, par exemple P-42.', type: 'text', required: true },
      { name: 'floor_id', label: 'Niveau', type: 'select', integer: true, required: true, options: floorOptions },
      { name: 'zone_id', label: 'Quartier', type: 'select', integer: true, nullable: true, options: zoneOptions },
      { name: 'screens', label: "Nombre d'écrans", type: 'number', integer: true, defaultValue: '1' },
      { name: 'dock', label: "Station d'accueil", type: 'checkbox' },
      { name: 'standing', label: 'Bureau assis-debout', type: 'checkbox' },
      { name: 'adapted', label: 'Poste adapté', type: 'checkbox' },
      { name: 'active', label: 'Actif (réservable)', type: 'checkbox', defaultValue: true },
    ],
    columns: [
      { label: 'Libellé', value: (r) => String(r.label) },
      { label: 'Quartier', value: (r, c) => nameOf(c.site.zones, r.zone_id) },
      { label: 'Écrans', value: (r) => String(r.screens) },
      { label: 'État', value: (r) => (r.active ? 'Actif' : 'Désactivé') },
    ],
    name: (r) => String(r.label),
  },
  {
    key: 'espaces', title: 'Espaces collectifs', one: 'espace', path: '/api/v1/spaces', siteScoped: true,
    fields: [
      { name: 'name', label: "Nom de l'espace", type: 'text', required: true },
      { name: 'type', label: 'Type', type: 'select', required: true, defaultValue: 'meeting_room',
        options: () => Object.entries(spaceTypes).map(([value, label]) => ({ value, label })) },
      { name: 'capacity', label: 'Capacité (personnes)', type: 'number', integer: true, required: true, defaultValue: '1' },
      { name: 'floor_id', label: 'Niveau', type: 'select', integer: true, required: true, options: floorOptions },
      { name: 'zone_id', label: 'Quartier', type: 'select', integer: true, nullable: true, options: zoneOptions },
    ],
    columns: [
      { label: 'Nom', value: (r) => String(r.name) },
      { label: 'Type', value: (r) => spaceTypes[String(r.type)] ?? String(r.type) },
      { label: 'Capacité', value: (r) => String(r.capacity) },
    ],
    name: (r) => String(r.name),
  },
  {
    key: 'casiers', title: 'Casiers', one: 'casier', path: '/api/v1/lockers', siteScoped: true,
    fields: [
      { name: 'label', label: 'Libellé', hint: 'Unique sur le site, par exemple C-37.', type: 'text', required: true },
      { name: 'floor_id', label: 'Niveau', type: 'select', integer: true, required: true, options: floorOptions },
      { name: 'zone_id', label: 'Quartier', type: 'select', integer: true, nullable: true, options: zoneOptions },
    ],
    columns: [
      { label: 'Libellé', value: (r) => String(r.label) },
      { label: 'Quartier', value: (r, c) => nameOf(c.site.zones, r.zone_id) },
    ],
    name: (r) => String(r.label),
  },
  {
    key: 'services', title: 'Services', one: 'service', path: '/api/v1/services', siteScoped: true, changesSite: true,
    fields: [
      { name: 'code', label: 'Code', hint: 'Majuscules, chiffres, - ou _, par exemple SGAR-MCM.', type: 'text', required: true },
      { name: 'name', label: 'Nom du service', type: 'text', required: true },
    ],
    columns: [
      { label: 'Code', value: (r) => String(r.code) },
      { label: 'Nom', value: (r) => String(r.name) },
    ],
    name: (r) => String(r.name),
  },
  {
    // The residents of the site, each name leading to the person's page (bookings, locker,
    // presence): the list that the CSV import (Administration) fills.
    key: 'residents', title: 'Résidents', one: 'résident', path: '/api/v1/residents', siteScoped: true,
    fields: [
      { name: 'display_name', label: 'Nom', type: 'text', required: true },
      { name: 'email', label: 'Adresse électronique', hint: 'Format attendu : nom@domaine.fr', type: 'text', required: true },
      { name: 'service_id', label: 'Service', type: 'select', integer: true, nullable: true, options: serviceOptions },
      { name: 'fte_percent', label: 'Quotité (%)', hint: 'De 10 à 100.', type: 'number', integer: true, required: true, defaultValue: '100' },
      { name: 'role', label: 'Rôle', type: 'select', required: true, defaultValue: 'agent',
        options: () => Object.entries(residentRoles).map(([value, label]) => ({ value, label })) },
      { name: 'needs_adapted_desk', label: 'A besoin d\u2019un poste adapté', type: 'checkbox' },
      { name: 'active', label: 'Actif', type: 'checkbox', defaultValue: true },
    ],
    columns: [
      { label: 'Nom', value: (r) => <a class="fr-link" href={`/personne?id=${r.id}`}>{String(r.display_name)}</a> },
      { label: 'Adresse', value: (r) => String(r.email) },
      // The service's code (the CSV import's), its name on hover: the list stays within the page.
      { label: 'Service', value: (r, c) => {
        const s = c.site.services.find((x) => x.id === r.service_id);
        return s ? <abbr title={s.name}>{s.code}</abbr> : '—';
      } },
      { label: 'Rôle', value: (r) => residentRoles[String(r.role)] ?? String(r.role) },
      { label: 'Actif', value: (r) => (r.active ? 'Oui' : 'Non') },
    ],
    name: (r) => String(r.display_name),
  },
  {
    key: 'fermetures', title: 'Fermetures', one: 'fermeture', feminine: true, path: '/api/v1/closures', siteScoped: true,
    fields: [
      { name: 'date', label: 'Date', type: 'date', required: true },
      { name: 'reason', label: 'Motif', hint: 'Facultatif, par exemple « Pont de l\u2019Ascension ».', type: 'text' },
    ],
    columns: [
      { label: 'Date', value: (r) => String(r.date) },
      { label: 'Motif', value: (r) => String(r.reason || '—') },
    ],
    name: (r) => String(r.date),
  },
  {
    key: 'roles', title: 'Rôles attribués', one: 'rôle', path: '/api/v1/role-grants', siteScoped: true, needsResidents: true,
    fields: [
      { name: 'resident_id', label: 'Personne', type: 'select', integer: true, required: true,
        options: (c) => [{ value: '', label: 'Choisir une personne' }, ...c.residents.map((r) => ({ value: String(r.id), label: `${r.display_name} (${r.email})` }))] },
      { name: 'role', label: 'Rôle', type: 'select', required: true, defaultValue: 'referent',
        options: () => Object.entries(roleNames).map(([value, label]) => ({ value, label })) },
      { name: 'service_id', label: 'Service (pour un référent)', type: 'select', integer: true, nullable: true, options: serviceOptions },
    ],
    columns: [
      { label: 'Personne', value: (r, c) => c.residents.find((x) => x.id === r.resident_id)?.display_name ?? `n° ${r.resident_id}` },
      { label: 'Rôle', value: (r) => roleNames[String(r.role)] ?? String(r.role) },
      { label: 'Service', value: (r, c) => nameOf(c.site.services, r.service_id) },
    ],
    name: (r, c) => `${roleNames[String(r.role)] ?? r.role} de ${c.residents.find((x) => x.id === r.resident_id)?.display_name ?? `n° ${r.resident_id}`}`,
    canCreate: (s) => holds(s, 'gestionnaire', 'admin'),
  },
  {
    key: 'categories', title: 'Catégories de résidents', one: 'catégorie', feminine: true, path: '/api/v1/resident-categories', siteScoped: true,
    fields: [
      { name: 'name', label: 'Nom de la catégorie', type: 'text', required: true },
      { name: 'weight', label: 'Poids', hint: 'De 0 à 1 : la part d\u2019un poste que compte une personne de cette catégorie.', type: 'number', step: 'any', required: true, defaultValue: '1' },
    ],
    columns: [
      { label: 'Nom', value: (r) => String(r.name) },
      { label: 'Poids', value: (r) => String(r.weight).replace('.', ',') },
    ],
    name: (r) => String(r.name),
  },
];

export const kindByKey = (key: string | null) => kinds.find((k) => k.key === key);
