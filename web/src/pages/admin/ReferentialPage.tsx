// SPDX-License-Identifier: EUPL-1.2
// Administration of one referential kind (?type=quartiers, postes, services…; kinds.ts):
// its table, with « Modifier » and « Supprimer » (confirmed in the row) on each line, and one
// form to create or change an element. Each field has its label and its error beside it in
// French: first the obvious ones found here, then the server's refusal put beside the field
// it names (the summary alert takes the others). A change sends only the fields changed.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, del, get, patch, post, withQuery, getAll } from '../../api';
import { ErrorAlert, Notice } from '../../components/Alert';
import { CheckboxField, InputField, SelectField } from '../../components/Field';
import { Table } from '../../components/Table';
import { forgetSiteDetail, messageOf, siteDetail } from '../../data';
import { capitalise } from '../../format';
import { currentQuery } from '../../router';
import { session } from '../../session';
import type { Resident, SiteDetail } from '../../types';
import { AdminFrame } from './AdminFrame';
import { kindByKey, kinds, type AdminContext, type FieldSpec, type KindSpec, type Row } from './kinds';

type Values = Record<string, string | boolean>;

export function ReferentialPage() {
  const kind = kindByKey(currentQuery.value.get('type')) ?? kinds[0];
  return <AdminFrame title={kind.title}>{(site) => <KindEditor key={kind.key} kind={kind} site={site} />}</AdminFrame>;
}

function initialValues(kind: KindSpec, row: Row | null): Values {
  const v: Values = {};
  for (const f of kind.fields) {
    if (f.type === 'svg') v[f.name] = '';
    else if (row) v[f.name] = f.type === 'checkbox' ? Boolean(row[f.name]) : row[f.name] === null || row[f.name] === undefined ? '' : String(row[f.name]);
    else v[f.name] = f.defaultValue ?? (f.type === 'checkbox' ? false : '');
  }
  return v;
}

function toJson(f: FieldSpec, v: string | boolean): unknown {
  if (f.type === 'checkbox') return Boolean(v);
  const s = String(v).trim();
  if (s === '') return f.nullable ? null : f.type === 'text' ? '' : undefined;
  if (f.type === 'number' || f.integer) return Number(s);
  return s;
}

const fieldId = (kind: KindSpec, f: FieldSpec) => `${kind.key}-${f.name.replace(/_/g, '-')}`;

function KindEditor({ kind, site }: { kind: KindSpec; site: SiteDetail }) {
  const s = session.value!;
  const [ctx, setCtx] = useState<AdminContext>({ site, residents: [] });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [editing, setEditing] = useState<Row | null>(null);
  const [values, setValues] = useState<Values>(() => initialValues(kind, null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const fields = kind.fields.filter((f) => !f.visible || f.visible(s));
  const canCreate = kind.canCreate ? kind.canCreate(s) : true;
  const canDelete = kind.canDelete ? kind.canDelete(s) : true;
  const siteId = site.site.id;

  const load = useCallback(async () => {
    try {
      const [list, detail, residents] = await Promise.all([
        getAll<Row>(kind.siteScoped ? withQuery(kind.path, { site_id: siteId }) : kind.path),
        siteDetail(siteId),
        kind.needsResidents ? getAll<Resident>(withQuery('/api/v1/residents', { site_id: siteId })) : Promise.resolve([]),
      ]);
      setRows(list);
      setCtx({ site: detail, residents });
    } catch (e) {
      setSummary(messageOf(e));
    }
  }, [kind, siteId]);
  useEffect(() => {
    load();
  }, [load]);

  const startEdit = (row: Row | null) => {
    setEditing(row);
    setValues(initialValues(kind, row));
    setErrors({});
    setSummary(null);
    formHeading.current?.focus();
  };

  const changed = async (message: string) => {
    if (kind.changesSite) forgetSiteDetail(siteId);
    setNotice(message);
    await load();
  };

  const focusFirst = (errs: Record<string, string>) => {
    const first = fields.find((f) => errs[f.name]);
    if (first) document.getElementById(fieldId(kind, first))?.focus();
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setNotice(null);
    setSummary(null);
    const found: Record<string, string> = {};
    for (const f of fields)
      if (f.required && f.type !== 'checkbox' && String(values[f.name]).trim() === '') found[f.name] = `« ${f.label} » est obligatoire.`;
    setErrors(found);
    if (Object.keys(found).length) return focusFirst(found);

    const body: Record<string, unknown> = {};
    const before = editing ? initialValues(kind, editing) : null;
    for (const f of fields) {
      if (editing && f.createOnly) continue;
      if (before && before[f.name] === values[f.name]) continue;
      const v = toJson(f, values[f.name]);
      if (v !== undefined && !(f.type === 'svg' && v === '')) body[f.name] = v;
    }
    try {
      let saved: Row;
      if (editing) saved = await patch<Row>(`${kind.path}/${editing.id}`, body);
      else saved = await post<Row>(kind.path, kind.siteScoped ? { site_id: siteId, ...body } : body);
      const verb = editing ? 'modifié' : 'créé';
      setEditing(null);
      setValues(initialValues(kind, null));
      setErrors({});
      await changed(`${capitalise(kind.one)} « ${kind.name(saved, ctx)} » ${verb}${kind.feminine ? 'e' : ''}.`);
    } catch (err) {
      const named = err instanceof ApiError ? err.details.find((d) => d.field)?.field : undefined;
      const field = fields.find((f) => f.name === named);
      if (field) {
        const errs = { [field.name]: messageOf(err) };
        setErrors(errs);
        focusFirst(errs);
      } else if (err instanceof ApiError && err.code === 'already_exists' && fields[0]) {
        const errs = { [fields[0].name]: messageOf(err) };
        setErrors(errs);
        focusFirst(errs);
      } else setSummary(messageOf(err));
    }
  };

  const remove = async (row: Row) => {
    const name = kind.name(row, ctx);
    try {
      await del(`${kind.path}/${row.id}`);
      setConfirming(null);
      if (editing?.id === row.id) startEdit(null);
      await changed(`${capitalise(kind.one)} « ${name} » supprimé${kind.feminine ? 'e' : ''}.`);
    } catch (e) {
      setConfirming(null);
      setSummary(`Suppression impossible (« ${name} ») : ${messageOf(e)}`);
    }
  };

  const setValue = (name: string, v: string | boolean) => setValues({ ...values, [name]: v });

  return (
    <>
      <Notice message={notice} />
      {summary && <ErrorAlert>{summary}</ErrorAlert>}
      <section class="fr-mb-4w" aria-labelledby={`${kind.key}-liste`}>
        <h2 class="fr-h4" id={`${kind.key}-liste`}>
          {kind.title}
        </h2>
        {!rows ? (
          <p aria-busy="true">Chargement…</p>
        ) : rows.length === 0 ? (
          <p>Aucun élément pour l'instant.</p>
        ) : (
          <Table caption={kind.siteScoped ? `${kind.title} — ${site.site.name}` : `${kind.title} — tous`}>
            <thead>
              <tr>
                {kind.columns.map((c) => (
                  <th scope="col" key={c.label}>
                    {c.label}
                  </th>
                ))}
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const name = kind.name(row, ctx);
                return (
                  <tr key={row.id}>
                    {kind.columns.map((c) => (
                      <td key={c.label}>{c.value(row, ctx)}</td>
                    ))}
                    <td>
                      <div class="escale-row-actions">
                        {confirming === row.id ? (
                          <>
                            <button type="button" class="fr-btn fr-btn--sm" onClick={() => remove(row)}
                              aria-label={`Confirmer la suppression : ${kind.one} « ${name} »`}>
                              Confirmer la suppression
                            </button>
                            <button type="button" class="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setConfirming(null)}
                              aria-label={`Garder ${kind.one} « ${name} »`}>
                              Garder
                            </button>
                          </>
                        ) : (
                          <>
                            <button type="button" class="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => startEdit(row)}
                              aria-label={`Modifier ${kind.one} « ${name} »`}>
                              Modifier
                            </button>
                            {canDelete && (
                              <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setConfirming(row.id)}
                                aria-label={`Supprimer ${kind.one} « ${name} »`}>
                                Supprimer
                              </button>
                            )}
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </section>
      {(editing || canCreate) && (
        <section class="fr-mb-4w" aria-labelledby={`${kind.key}-formulaire`}>
          <h2 class="fr-h4" id={`${kind.key}-formulaire`} ref={formHeading} tabIndex={-1}>
            {editing ? `Modifier ${kind.one} « ${kind.name(editing, ctx)} »` : `Ajouter ${kind.feminine ? 'une' : 'un'} ${kind.one}`}
          </h2>
          <form onSubmit={submit} noValidate>
            <div class="fr-grid-row fr-grid-row--gutters">
              {fields.map((f) => (
                <div class={f.type === 'checkbox' ? 'fr-col-12' : 'fr-col-12 fr-col-md-6'} key={f.name}>
                  <FieldOf kind={kind} field={f} ctx={ctx} value={values[f.name]} error={errors[f.name]} onChange={(v) => setValue(f.name, v)} />
                </div>
              ))}
            </div>
            <div class="fr-btns-group fr-btns-group--inline-sm">
              <button type="submit" class="fr-btn">
                {editing ? 'Enregistrer les modifications' : `Ajouter ${kind.feminine ? 'la' : 'le'} ${kind.one}`}
              </button>
              {editing && (
                <button type="button" class="fr-btn fr-btn--secondary" onClick={() => startEdit(null)}>
                  Annuler la modification
                </button>
              )}
            </div>
          </form>
        </section>
      )}
    </>
  );
}

function FieldOf(props: { kind: KindSpec; field: FieldSpec; ctx: AdminContext; value: string | boolean; error?: string; onChange: (v: string | boolean) => void }) {
  const { field: f, error } = props;
  const id = fieldId(props.kind, f);
  if (f.type === 'checkbox')
    return <CheckboxField id={id} label={f.label} hint={f.hint} error={error} checked={Boolean(props.value)} onChange={props.onChange} />;
  if (f.type === 'select')
    return (
      <SelectField id={id} label={f.label} hint={f.hint} error={error} required={f.required} value={String(props.value)} onChange={props.onChange}>
        {!f.nullable && props.value === '' && <option value="">Choisir</option>}
        {f.options!(props.ctx).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </SelectField>
    );
  if (f.type === 'svg')
    return (
      <div class={`fr-upload-group${error ? ' fr-upload-group--error' : ''}`}>
        <label class="fr-label" for={id}>
          {f.label}
          {f.hint && <span class="fr-hint-text">{f.hint}</span>}
        </label>
        <input class="fr-upload" type="file" id={id} name={id} accept=".svg,image/svg+xml"
          aria-describedby={error ? `${id}-erreur` : undefined}
          onChange={async (e) => {
            const file = (e.target as HTMLInputElement).files?.[0];
            props.onChange(file ? await file.text() : '');
          }} />
        {error && (
          <p class="fr-error-text" id={`${id}-erreur`}>
            {error}
          </p>
        )}
      </div>
    );
  return (
    <InputField id={id} label={f.label} hint={f.hint} error={error} required={f.required} type={f.type} step={f.step}
      value={String(props.value)} onInput={props.onChange} />
  );
}
