// SPDX-License-Identifier: EUPL-1.2
// The notification bell of the header: a button whose name carries the unread count
// (« Notifications, 2 non lues »), opening a panel with the latest notifications, each with
// its link and « Marquer comme lue », and « Tout marquer comme lu ». Escape or the button
// closes it and the focus returns to the button. New arrivals are announced by the live
// region of NotificationAnnouncer (once per page).
import { useEffect, useRef, useState } from 'preact/hooks';
import { defaultTimeZone, formatDate, formatTime, today } from '../format';
import { markAllRead, markRead, notifications, unread, announcement } from '../notifications';

// « mardi 1 décembre à 7 h 19 », in the site's time zone.
const when = (instant: string) => {
  const d = new Date(instant);
  return `${formatDate(today(defaultTimeZone, d))} à ${formatTime(d)}`;
};

export function NotificationBell({ idSuffix }: { idSuffix: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = `notifications-${idSuffix}`;
  const count = unread.value ?? 0;

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div class="escale-bell">
      <button type="button" ref={button} class="fr-btn fr-icon-notification-badge-line" aria-expanded={open} aria-controls={panelId}
        id={`cloche-${idSuffix}`} onClick={() => setOpen(!open)}>
        Notifications
        {count > 0 ? (
          <span class="escale-bell-count">
            {count}
            <span class="fr-sr-only"> non lue{count > 1 ? 's' : ''}</span>
          </span>
        ) : (
          <span class="fr-sr-only"> aucune non lue</span>
        )}
      </button>
      {open && (
        <div class="escale-bell-panel" id={panelId} role="region" aria-label="Notifications">
          {notifications.value.length === 0 ? (
            <p class="fr-mb-0">Aucune notification.</p>
          ) : (
            <>
              {count > 0 && (
                <button type="button" class="fr-btn fr-btn--sm fr-btn--secondary fr-mb-1w" onClick={() => markAllRead()}>
                  Tout marquer comme lu
                </button>
              )}
              <ul class="escale-bell-list">
                {notifications.value.map((n) => (
                  <li key={n.id} class={n.read ? 'escale-read' : undefined}>
                    <p class="fr-mb-0">
                      {!n.read && <span class="fr-badge fr-badge--sm fr-badge--new fr-badge--no-icon fr-mr-1w">Non lue</span>}
                      <a href={n.link} onClick={() => setOpen(false)}>
                        <strong>{n.title}</strong>
                      </a>
                    </p>
                    <p class="fr-text--sm fr-mb-0">{n.body}</p>
                    <p class="fr-text--xs fr-mb-0 escale-muted">{when(n.created_at)}</p>
                    {!n.read && (
                      <button type="button" class="fr-btn fr-btn--sm fr-btn--tertiary-no-outline" onClick={() => markRead(n.id)}
                        aria-label={`Marquer comme lue : ${n.title}`}>
                        Marquer comme lue
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

// The live region that tells screen readers of new notifications (one in the page).
export function NotificationAnnouncer() {
  return (
    <div role="status" aria-live="polite" class="fr-sr-only" id="annonce-notifications">
      {announcement.value}
    </div>
  );
}
