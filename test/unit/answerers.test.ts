// The flow's answerers alone: scripted and prompted challenge answers, scripted credentials.
import { describe, expect, it } from 'vitest';
import { type Challenge, promptAnswerer, scriptedAnswerer, scriptedCredentials } from '../../src/client/answerers.js';

describe('answerers', () => {
  const ch = (type: string, options: string[] = []): Challenge => ({
    guid: `CRD-${type}`,
    type,
    label: `${type}?`,
    field_name: type,
    image_data: null,
    options: options.map((value) => ({ guid: `CRD-${value}`, label: value.toUpperCase(), value })),
    image_options: [],
  });

  it('scripted: picks options by value or label, typed entries for one type, then the fallback', async () => {
    const answer = scriptedAnswerer(['TOKEN=999', 'WRONG']);
    expect(await answer([ch('OPTIONS', ['correct', 'wrong']), ch('TOKEN'), ch('TEXT')])).toEqual([
      { guid: 'CRD-OPTIONS', value: 'wrong' },
      { guid: 'CRD-TOKEN', value: '999' },
      { guid: 'CRD-TEXT', value: 'correct' },
    ]);
  });

  it('prompting: shows the label and numbered options, takes a number or a typed answer', async () => {
    const printed: string[] = [];
    const replies = ['2', 'Paris'];
    const rl = { question: async () => replies.shift() ?? '' } as never;
    const answers = await promptAnswerer(rl, (l) => printed.push(l))([ch('OPTIONS', ['correct', 'other']), ch('TEXT')]);
    expect(answers).toEqual([
      { guid: 'CRD-OPTIONS', value: 'other' },
      { guid: 'CRD-TEXT', value: 'Paris' },
    ]);
    expect(printed).toEqual([
      '  challenge (OPTIONS): OPTIONS?',
      '    1) CORRECT',
      '    2) OTHER',
      '  challenge (TEXT): TEXT?',
    ]);
  });

  it('credentials: by field name, label or guid; MX Bank test values by default; a clear error when missing', async () => {
    const fields = [
      { guid: 'CRD-1', field_name: 'LOGIN', label: 'Username', display_order: 1, field_type: 'TEXT', type: 'TEXT' },
      { guid: 'CRD-2', field_name: 'PIN', label: 'PIN', display_order: 2, field_type: 'PASSWORD', type: 'PASSWORD' },
    ];
    expect(await scriptedCredentials({ pin: '1234' })(fields, 'x')).toEqual([
      { guid: 'CRD-1', value: 'mxuser' },
      { guid: 'CRD-2', value: '1234' },
    ]);
    await expect(scriptedCredentials({}, false)(fields, 'examplebank')).rejects.toThrow(
      "no value for examplebank's credential LOGIN (Username); pass --credential LOGIN=VALUE",
    );
  });
});
