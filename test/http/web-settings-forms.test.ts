import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp, postTrial } from './helpers.js';

/** The messages the settings scripts read from the page. */
function scriptMessages(html: string): Record<string, unknown> {
  const json = /<script type="application\/json" id="settings-messages">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return JSON.parse(json ?? '{}') as Record<string, unknown>;
}

describe('trial settings: unsaved changes and date lists', () => {
  it.each([
    ['en', 'Unsaved changes', 'Add a date', 'Days off: pick each date; add a row for another.'],
    ['zh-CN', '有未保存的修改', '添加日期', '休息的日期：逐个选择，需要时再加一行。'],
  ])(
    'when the settings page is read in %s, then the date lists and the unsaved-changes warning have their scripts and words',
    async (lang, unsaved, addDate, pickHint) => {
      // Arrange
      const { app } = await createTestApp();
      const trial = await postTrial(app);

      // Act
      const page = await request(app).get(`/trials/${trial.id}/settings`).set('Cookie', `lang=${lang}`);

      // Assert
      expect(page.status).toBe(200);
      // Without script the lists are the text boxes, named as the server reads them.
      expect(page.text).toMatch(
        /<textarea data-date-list\s+id="calendar-holidays" name="calendar\.holidays"/,
      );
      expect(page.text).toMatch(
        /<textarea data-date-list\s+id="calendar-extraWorkdays" name="calendar\.extraWorkdays"/,
      );
      for (const script of ['date-list.js', 'unsaved.js', 'settings.js']) {
        expect(page.text).toContain(`<script src="/assets/js/${script}" defer></script>`);
      }
      const messages = scriptMessages(page.text);
      expect(messages).toMatchObject({ unsaved, addDate });
      expect(messages['pickHints']).toMatchObject({ 'calendar.holidays': pickHint });
      expect(String(messages['unsavedOthers'])).toContain('{sections}');
    },
  );

  it('when the scripts are fetched, then they are served as JavaScript', async () => {
    const { app } = await createTestApp();

    for (const script of ['date-list.js', 'unsaved.js']) {
      const response = await request(app).get(`/assets/js/${script}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/javascript/);
    }
  });
});
