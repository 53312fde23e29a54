// MX's official Node SDK (mx-platform-node@2.1.0, API v20111101) on notifications: it sends `subject` and
// `content` as query parameters, as MX's v20111101 document declares. Every exchange is checked against
// MX's v20111101 document and ours.
import { NotificationsApi, UsersApi } from 'mx-platform-node';
import { describe, expect, it } from 'vitest';
import { status, useSdkServer } from '../helpers/sdk.js';

const sdk = useSdkServer('sdk-ntf-client', 'sdk-ntf-key');

describe("MX's Node SDK (v20111101) on notifications", () => {
  it('creates, reads and lists notifications', async () => {
    const user = (await new UsersApi(sdk.configuration).createUser({ user: { id: 'sdk-ntf-user' } })).data.user
      ?.guid as string;
    const api = new NotificationsApi(sdk.configuration);
    const made = (await api.createNotification(user, 'Your budget is on track.', 'Weekly summary')).data.notification;
    expect(made).toMatchObject({
      subject: 'Weekly summary',
      content: 'Your budget is on track.',
      channel: 'PUSH',
      notification_type: 11,
    });
    const guid = made?.guid as string;
    expect((await api.readNotifications(user, guid)).data.notification).toEqual(made);
    const today = new Date(sdk.server.clock.now()).toISOString().slice(0, 10);
    expect((await api.listNotifications(user, today, today)).data.notifications).toEqual([made]);
    expect((await api.listNotifications(user, undefined, undefined, 2, 10)).data.notifications).toEqual([]);
    expect(await status(api.createNotification(user, '', 'No content'))).toBe(400);
    expect(await status(api.readNotifications(user, 'NTF-nope'))).toBe(404);
  });
});
