// The message catalogues: the same ids in every locale, the same placeholders in each message, and
// every message valid ICU MessageFormat.
import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES, catalogue, translator } from '../src/i18n/messages.ts';
import { placeholders } from './icu-placeholders.ts';


describe('message catalogues', () => {
  const [english, ...others] = LOCALES.map((locale) => ({ locale, messages: catalogue(locale) }));

  it('hold the same message ids in every locale', () => {
    for (const other of others) {
      expect(Object.keys(other.messages).filter((id) => !(id in english!.messages)), `only in ${other.locale}`).toEqual([]);
      expect(Object.keys(english!.messages).filter((id) => !(id in other.messages)), `missing from ${other.locale}`).toEqual([]);
    }
  });

  it('use the same placeholders in every locale, and parse as ICU MessageFormat', () => {
    for (const [id, text] of Object.entries(english!.messages)) {
      const expected = [...placeholders(parse(text, { ignoreTag: true }))].sort();
      for (const other of others) expect([...placeholders(parse(other.messages[id]!, { ignoreTag: true }))].sort(), `${other.locale}: ${id}`).toEqual(expected);
    }
  });

  it('format numbers and choices by locale', () => {
    const values = { audience: 'consumers', registered: 1_234_567, active: 90_000 };
    expect(translator('en')('filing.mlpsGrading.field.usersValue', values)).toBe('The public (consumers); 1,234,567 registered and 90,000 monthly active users');
    expect(translator('zh-CN')('filing.mlpsGrading.field.usersValue', values)).toBe('社会公众（个人用户）；注册用户 1,234,567 个，月活跃用户 90,000 个');
    expect(() => translator('en')('no.such.message')).toThrow(/no message/);
  });
});
