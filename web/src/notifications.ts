// SPDX-License-Identifier: EUPL-1.2
// My in-app notifications (GET /api/v1/me/notifications): the latest page and the unread
// count as signals, refreshed when the session starts, on each change of page, when the
// window gets the focus back and every 30 seconds; marked read one by one or all at once.
import { effect, signal } from '@preact/signals';
import { get, post } from './api';
import { currentPath } from './router';
import { session } from './session';

export interface AppNotification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: string;
  read: boolean;
}

export const notifications = signal<AppNotification[]>([]);
export const unread = signal<number | null>(null);
// What the live region says when new notifications arrive while the page is open.
export const announcement = signal('');

export async function refreshNotifications() {
  if (!session.value) return;
  try {
    const page = await get<{ notifications: AppNotification[]; unread: number }>('/api/v1/me/notifications?limit=20');
    const before = unread.value;
    notifications.value = page.notifications;
    unread.value = page.unread;
    if (before !== null && page.unread > before) {
      const n = page.unread - before;
      announcement.value = `${n} nouvelle${n > 1 ? 's' : ''} notification${n > 1 ? 's' : ''} : ${page.unread} non lue${page.unread > 1 ? 's' : ''}.`;
    }
  } catch {
    // The bell keeps its last count; the next refresh tries again.
  }
}

export async function markRead(id: number) {
  await post(`/api/v1/me/notifications/${id}/read`, {});
  await refreshNotifications();
}

export async function markAllRead() {
  await post('/api/v1/me/notifications/read-all', {});
  await refreshNotifications();
}

let timer: ReturnType<typeof setInterval> | undefined;
export function startNotifications() {
  effect(() => {
    const s = session.value;
    void currentPath.value;  // each new page asks again
    if (!s) {
      notifications.value = [];
      unread.value = null;
      return;
    }
    refreshNotifications();
  });
  window.addEventListener('focus', () => refreshNotifications());
  timer ??= setInterval(() => refreshNotifications(), 30_000);
}
