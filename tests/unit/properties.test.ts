import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAND_PADDING, splitIntoBands } from '../../lambdas/src/adapters/image-bands.ts';
import type { PreparedImage } from '../../lambdas/src/adapters/label-image.ts';
import {
  InvalidRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../lambdas/src/domain/errors.ts';
import { detectImageType, SUPPORTED_IMAGE_TYPES } from '../../lambdas/src/domain/image-type.ts';
import { splitIngredients } from '../../lambdas/src/domain/label/list-items.ts';
import { isProseWord } from '../../lambdas/src/domain/label/prose.ts';
import { readLabel as readLabelText } from '../../lambdas/src/domain/label/read-label.ts';
import { findIngredientSections, parseIngredientList } from '../../lambdas/src/domain/label/sections.ts';
import { normalizeName } from '../../lambdas/src/domain/label/text-form.ts';
import { repairOcrText } from '../../lambdas/src/domain/ocr-text.ts';
import type { ParsedIngredient } from '../../lambdas/src/domain/types.ts';
import { MAX_BODY_BYTES, MAX_TEXT_CHARS, parseScanRequest } from '../../lambdas/src/http/scan-request.ts';

/*
 * Properties over generated input. The seed is pinned so that a run is reproducible (a failure prints the
 * seed and path to replay); change it locally to explore further.
 */
const SEED = 20_260_702;
const RUNS = 300;
const run = { seed: SEED, numRuns: RUNS };

// ---------------------------------------------------------------------------------------------------------
// Text arbitraries

/** Lone surrogates and every other UTF-16 code unit: what a broken client or OCR engine can hand us. */
const utf16Text = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
});

/** Control, invisible and line-breaking characters among a few ordinary ones. */
const controlText = fc.string({
  unit: fc.constantFrom(
    '\0',
    '\u0001',
    '\u0007',
    '\b',
    '\t',
    '\n',
    '\v',
    '\f',
    '\r',
    '\u001b',
    '\u007f',
    '\u0085',
    '\u00a0',
    '\u00ad',
    '\u200b',
    '\u200d',
    '\u2028',
    '\u2029',
    '\ufeff',
    '\ufe0f',
    'a',
    'Z',
    ' ',
    ',',
    ':',
    '(',
  ),
  maxLength: 200,
});

/** Pieces of real labels (headings, separators, amounts, footnotes, OCR slips), glued in any order. */
const LABEL_PIECES = [
  'Ingredients:',
  'INGREDIENTS',
  'Inactive ingredients:',
  'Active ingredient(s):',
  'Ingrédients :',
  'Materials:',
  'Contains',
  'Composition',
  'Made with',
  'Key ingredients:',
  'Warnings:',
  'Directions',
  'Made in USA',
  'www.example.com',
  'info@example.com',
  '+1 800 555 0100',
  'Lot',
  '*',
  '*Certified organic',
  '†',
  '™',
  ',',
  ', ',
  ';',
  '.',
  '. ',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '(and)',
  ' and ',
  ' & ',
  '/',
  ' / ',
  '|',
  ' | ',
  '•',
  ':',
  '\n',
  '\r\n',
  '-\n',
  ' ',
  '0,5%',
  '70%',
  '<1%',
  '600 mg',
  'w/w',
  'Aqua',
  'Water',
  'Cotton',
  'Rayon',
  'Glycérine',
  'Sodium Polyacrylate',
  'Topsheet:',
  'Absorbent core:',
  'May contain (+/-):',
  'Contains less than 1% of:',
  '18 tampons',
  'Vit. E',
  '(organic)',
  '(preservative)',
  '........',
  '…',
  '1,2-Hexanediol',
  'PEG-',
  'G|ycerin',
  'Pheny!ethyl',
  '£325',
  'Ingredieots:',
  '\0',
  '\u00ad',
];
const labelText = fc
  .array(fc.oneof(fc.constantFrom(...LABEL_PIECES), fc.string({ maxLength: 6 })), { maxLength: 60 })
  .map((pieces) => pieces.join(''));

/** OCR output around what repairOcrText rewrites: misread keywords before colons, "|", "!", "£". */
const OCR_PIECES = [
  ...['Ingredients', 'INGREDIENTS', 'Ingredieots', 'MGREDHENTS', 'lngredients', 'Materia1s', 'Warming'],
  ...['Warnings', 'WARNINGS', 'Caution', 'Directions', 'Composition', 'Compositions', 'Sodium Lauroy'],
  ...['Pheny', 'ethyl', 'Alcohol', ':', ': ', ' :', ';', '|', ' | ', '!', '£', '£325', '325', ' ', '\n', ','],
];
const ocrText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...OCR_PIECES),
      fc.string({ unit: fc.constantFrom(...'alLI|!£1:; '), maxLength: 8 }),
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));

/** Every kind of text above, plus fast-check's ASCII, grapheme and full-code-point strings. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  utf16Text,
  controlText,
  labelText,
  ocrText,
);

/** About 100 kB: a generated chunk repeated (generating 100,000 characters one by one would be slow). */
const hugeText = fc
  .oneof(labelText, fc.string({ unit: 'binary', minLength: 1 }), controlText)
  .filter((chunk) => chunk.length > 0)
  .map((chunk) => chunk.repeat(Math.ceil(100_000 / chunk.length)).slice(0, 100_000));

/** What the scan use case runs on OCR output. */
const readLabel = (text: string) => parseIngredientList(repairOcrText(text));

function expectWellFormed(ingredients: readonly ParsedIngredient[]): void {
  expect(ingredients.map((ingredient) => ingredient.position)).toEqual(
    ingredients.map((_, index) => index + 1),
  );
  for (const { name, alternatives } of [...ingredients]) {
    for (const text of [name, ...alternatives]) {
      expect(text).not.toBe('');
      expect(text).toBe(text.trim());
      expect(text).not.toMatch(/[\n\p{Cc}]/u);
    }
    expect(name).toMatch(/\p{L}/u);
  }
}

describe('label text functions on arbitrary strings', () => {
  it('never throw, whatever the characters (unicode, lone surrogates, NUL, controls, label fragments)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        findIngredientSections(text);
        splitIngredients(text);
        parseIngredientList(text);
        normalizeName(text);
        readLabel(text);
      }),
      run,
    );
  });

  it('never throw on 100 kB strings', () => {
    fc.assert(
      fc.property(hugeText, (text) => {
        // readLabel runs the section finder and the splitter too, on the sections it finds.
        splitIngredients(text);
        readLabel(text);
        normalizeName(text);
      }),
      { seed: SEED, numRuns: 3 },
    );
  });

  it('give names that are non-empty, trimmed, one line and hold a letter, numbered 1..n', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectWellFormed(parseIngredientList(text));
        expectWellFormed(splitIngredients(text));
        expectWellFormed(readLabel(text));
      }),
      run,
    );
  });

  it('parse the same text to the same list every time', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(parseIngredientList(text)).toEqual(parseIngredientList(text));
        expect(findIngredientSections(text)).toEqual(findIngredientSections(text));
      }),
      run,
    );
  });

  it('list each ingredient once: no two names of a label normalise alike', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const keys = parseIngredientList(text).map(
          (ingredient) => normalizeName(ingredient.name) || ingredient.name.toLowerCase(),
        );
        expect(new Set(keys).size).toBe(keys.length);
      }),
      run,
    );
  });

  it('never offer an alternative that normalises like the name or another alternative', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const { name, alternatives } of parseIngredientList(text)) {
          const keys = alternatives.map(normalizeName);
          expect(keys).not.toContain('');
          expect(keys).not.toContain(normalizeName(name));
          expect(new Set(keys).size).toBe(keys.length);
        }
      }),
      run,
    );
  });

  it('find sections whose text is trimmed and free of control characters', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const section of findIngredientSections(text)) {
          expect(section.text).toBe(section.text.trim());
          expect(section.text).not.toMatch(/[^\n\P{Cc}]/u);
          expect(section.heading).not.toBe('');
        }
      }),
      run,
    );
  });
});

describe('normalizeName on arbitrary strings', () => {
  it('gives lower-case ASCII words separated by single spaces, and is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const normalized = normalizeName(text);
        expect(normalized).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
        expect(normalizeName(normalized)).toBe(normalized);
      }),
      run,
    );
  });
});

describe('repairOcrText on arbitrary strings', () => {
  it('is idempotent: repaired text needs no further repair', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const repaired = repairOcrText(text);
        expect(repairOcrText(repaired)).toBe(repaired);
      }),
      run,
    );
  });

  it('leaves text without "|", "!", "£", ":" or ";" untouched', () => {
    fc.assert(
      fc.property(
        anyText.map((text) => text.replace(/[|!£:;]/g, '')),
        (text) => {
          expect(repairOcrText(text)).toBe(text);
        },
      ),
      run,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Round trip

/*
 * Words the parser rightly reads as structure rather than as a name: what ends a list (warnings, lot, net,
 * made in, …), the parts of a pad or tampon ("Core:", "Wings"), the conjunctions that separate names, grades, units
 * and dosage forms.
 */
const STRUCTURE_WORDS = new Set(
  [
    'and or may contains contain free without other e y et und en',
    'warning warnings caution cautions attention important directions how uses purpose purposes',
    'indication indications storage store keep for do made product manufactured mfd distributed dist',
    'imported lot batch exp expiry expiration best net contents questions care machine hand wash',
    'recycle recyclable recycling dispose disposal tss toxic precaution precautions avertissement',
    'avertissements mode conserver advertencia advertencias precaucion modo hecho fabricado warnhinweis',
    'warnhinweise hergestellt',
    'topsheet backsheet core wing wrapper liner applicator string cord cover cup stem rim ring disc',
    'gusset lining body waistband trim packaging pouch shell tab sheet layer paper film fabric wrap',
    // What vouches for a product or what it suits, when it ends a name.
    'approved tested certified recommended proven endorsed accredited registered licensed compatible friendly safe',
    // Units left alone, and the forms a product is made up in.
    'usp nf bp jp ep g mg mcg ml l kg iu ui cream ointment pessary suppository tablet capsule ovule solution lotion foam douche insert',
  ]
    .join(' ')
    .split(' ')
    .flatMap((word) => [word, `${word}s`]),
);

const word = fc
  .string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    minLength: 1,
    maxLength: 12,
  })
  .filter((candidate) => !STRUCTURE_WORDS.has(candidate.toLowerCase()) && !isProseWord(candidate));
const plainName = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
const plainNames = fc.uniqueArray(plainName, {
  minLength: 1,
  maxLength: 15,
  selector: (name) => name.toLowerCase(),
});

describe('a list of plain names', () => {
  it('round-trips through "Ingredients: a, b, c" in order', () => {
    fc.assert(
      fc.property(plainNames, (names) => {
        const parsed = parseIngredientList(`Ingredients: ${names.join(', ')}`);
        expect(parsed.map((ingredient) => ingredient.name)).toEqual(names);
      }),
      run,
    );
  });

  it('round-trips with one name per line, and through splitIngredients without a heading', () => {
    fc.assert(
      fc.property(plainNames, (names) => {
        expect(parseIngredientList(`INGREDIENTS:\n${names.join('\n')}`).map((item) => item.name)).toEqual(
          names,
        );
        expect(splitIngredients(names.join(', ')).map((item) => item.name)).toEqual(names);
      }),
      run,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Hostile input of 100 kB, built to provoke backtracking or deep recursion

const ADVERSARIAL: Record<string, string> = {
  '50,000 "("': '('.repeat(50_000),
  '100,000 ")"': ')'.repeat(100_000),
  'nested brackets': `Ingredients: ${'(['.repeat(25_000)}${'])'.repeat(25_000)}`,
  'unclosed parentheses after names': `Ingredients: ${'a ('.repeat(33_000)}`,
  '100,000 commas': `Ingredients: ${','.repeat(100_000)}`,
  'one-letter names': `Ingredients: ${'a,'.repeat(50_000)}`,
  'one name per line': 'a\n'.repeat(50_000),
  'spaced digits (phone-number pattern)': '1 '.repeat(50_000),
  'e-mail pattern': `${'a'.repeat(50_000)}@${'b'.repeat(50_000)}`,
  'leader dots': '. . . . '.repeat(12_500),
  'repeated headings': 'Ingredients: '.repeat(7_700),
  'labels with colons': `Ingredients: ${'abc def: '.repeat(11_000)}`,
  'footnote lines': '. *certified'.repeat(8_300),
  amounts: `Ingredients: ${'1% '.repeat(33_000)}`,
  'NUL bytes': '\0'.repeat(100_000),
  conjunctions: `Ingredients: ${'x and '.repeat(16_000)}`,
  'OCR pipes': 'a|'.repeat(50_000),
  'near-keywords before colons': 'Ingredieots:'.repeat(8_300),
  'a run of leader dots after an active': `Active ingredient ${'.'.repeat(100_000)}`,
  'a run of ellipses under Purpose': `Purpose\nA${'…'.repeat(100_000)}`,
  'hyphenated words before a claim': `${'a-'.repeat(50_000)}free`,
  'free-from subjects': `free of ${'a, '.repeat(33_000)}`,
  'names in a sentence': `made of ${'a b c d, '.repeat(11_000)}`,
  'a composition': `It is ${'5% x, '.repeat(16_000)}`,
  'leaflet amounts': `Cada 1 g contém: ${'x ...... 1 g\n'.repeat(7_000)}`,
  'capital lines after a list': `Ingredients: a\n${'AB CD EF GH\n'.repeat(8_000)}`,
  'dotted digits before a unit': `Active ingredient: x ${'1.'.repeat(50_000)}%`,
  'a hyphenated run before "base"': `in a ${'x-'.repeat(50_000)} base of water`,
  'material words before a part': `${'organic '.repeat(12_500)}cotton cord`,
  'made-up-to notes': `Excipients: ${'a q.s. '.repeat(14_000)}to 1 g`,
  'table rows': `| ${'a | '.repeat(25_000)}|`,
  'a name then a long description': `Ingredients:\nAloe: ${'helps '.repeat(16_000)}`,
  'amounts of product before a colon': `Active ingredient:\n${'100 g di crema '.repeat(6_600)}x 2 g`,
  'dosage forms in a list': `Eccipienti: ${'crema vaginale; '.repeat(6_000)}`,
  'articles before materials': `made with ${'a moisture-proof '.repeat(5_800)}plastic`,
  'dashes before lists': `The active ingredients are ${'a — b, c, '.repeat(8_000)}`,
  'questions under a heading': `Excipients\n${'what is in it? '.repeat(6_000)}\nwater`,
  'product labels before colons': `Excipients: ${'X 2% crema vaginal: a, '.repeat(4_500)}`,
  'spaced thousands': `Active ingredient: x ${'100 000 '.repeat(12_000)}IU`,
  'an INN then many salts': `Active substance: x\n${'x nitrate 2 mg\n'.repeat(6_000)}`,
  'names without separators': `Excipients: ${'Benzyl alcohol '.repeat(6_600)}`,
  'record fields': `Ingredients: a\n${'Field name:\nvalue\n'.repeat(5_500)}`,
  'material words in a tampon page': `Our tampons are ${'cotton paper wax '.repeat(6_000)}`,
  'sentences about materials': `Our pads. ${'the organic cotton is a fibre. '.repeat(3_300)}`,
  'a narrow column of wrapped lines': `It is made of ${'abcdefghij klmnopqrst uvwxyzabcd efghij\nk '.repeat(2_300)}`,
  'table rows without a leading bar': `Composition\n${'x | 1% |\n'.repeat(9_000)}`,
  'trade grades in parentheses': `Ingredients: ${'Fat (Witepsol H19, Suppocire AM), '.repeat(3_000)}`,
  'a list broken by blank lines, then a line of separators and a colon': `a, b${'c\n\nd, e, '.repeat(8_000)}${', x'.repeat(20_000)}: y`,
  'blends before parts': `It has ${'a rayon-polyester-cotton/nylon blend withdrawal cord, '.repeat(1_800)}`,
  'many short paragraphs': 'Propanediol, PEG-20\n\n'.repeat(5_000),
  'descriptions in parentheses': `Ingredients: ${'x (a note, easily read), '.repeat(4_000)}`,
  'glued capitals': `Ingredients: ${'aPrincipio '.repeat(9_000)}`,
  'strengths printed unit first': `Active ingredient: x ${'mg 1,0 g '.repeat(11_000)}`,
  'many distinct actives': `Active ingredients: ${Array.from({ length: 8_000 }, (_, i) => `n${i.toString(36)}x`).join(', ')}`,
};

describe('label text functions on 100 kB adversarial input', () => {
  it.each(Object.entries(ADVERSARIAL))('finish %s in well under 5 s (no quadratic blow-up)', (_, text) => {
    const started = performance.now();
    splitIngredients(text);
    expectWellFormed(readLabel(text));
    // What a scan runs: claims, sections with roles, actives, names in sentences.
    expectWellFormed([...readLabelText(text).ingredients]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Intake

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.lotus+json',
  'multipart/form-data; boundary=XyZ',
  'multipart/form-data; boundary="XyZ"',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
  'application/octet-stream',
  'text/plain',
  'application/x-www-form-urlencoded',
  '',
];
const contentType = fc.oneof(
  fc.constantFrom(...CONTENT_TYPES, undefined),
  fc.string(),
  fc.string().map((rest) => `multipart/form-data; ${rest}`),
);

/** Multipart bodies from well-formed to cut anywhere, so that the parser gets into headers and files. */
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const multipartPart = fc.record({
  field: fc.constantFrom('image', 'file', 'note', ''),
  filename: fc.option(fc.constantFrom('label.png', '', '../../etc/passwd')),
  type: fc.option(fc.constantFrom('image/png', 'text/plain')),
  content: fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc.uint8Array({ maxLength: 64 }).map((rest) => Uint8Array.from([...PNG_MAGIC, ...rest])),
  ),
});
const multipartBytes = fc
  .record({
    parts: fc.array(multipartPart, { maxLength: 4 }),
    closed: fc.oneof(
      { weight: 4, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    ),
    cut: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
  })
  .map(({ parts, closed, cut }) => {
    const chunks = parts.flatMap(({ field, filename, type, content }) => [
      Buffer.from(
        `--XyZ\r\nContent-Disposition: form-data; name="${field}"${filename === null ? '' : `; filename="${filename}"`}\r\n` +
          `${type === null ? '' : `Content-Type: ${type}\r\n`}\r\n`,
      ),
      Buffer.from(content),
      Buffer.from('\r\n'),
    ]);
    const body = Buffer.concat([...chunks, Buffer.from(closed ? '--XyZ--\r\n' : '')]);
    return cut === null ? body : body.subarray(0, cut % (body.length + 1));
  });

const bodyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  multipartBytes,
  anyText.map((text) => Buffer.from(text)),
  anyText.map((text) => Buffer.from(JSON.stringify({ text }))),
  fc
    .uint8Array({ maxLength: 512 })
    .map((bytes) => Buffer.from(JSON.stringify({ image: Buffer.from(bytes).toString('base64') }))),
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? '')),
);

/** An event body as API Gateway passes it: base64 for binary types, else a string (or none at all). */
const event = fc.oneof(
  fc.record({ bytes: bodyBytes, isBase64Encoded: fc.boolean() }).map(({ bytes, isBase64Encoded }) => ({
    body: bytes.toString(isBase64Encoded ? 'base64' : 'utf8'),
    isBase64Encoded,
  })),
  fc.record({ body: fc.oneof(anyText, fc.constant(null)), isBase64Encoded: fc.boolean() }),
);

const isContractError = (error: unknown) =>
  error instanceof InvalidRequestError ||
  error instanceof UnsupportedMediaTypeError ||
  error instanceof PayloadTooLargeError;

/** Resolves to a well-formed request or rejects with one of the intake's contract errors, nothing else. */
async function expectContractOutcome(input: Parameters<typeof parseScanRequest>[0]): Promise<void> {
  const outcome = await parseScanRequest(input).then(
    (request) => ({ request }),
    (error: unknown) => ({ error }),
  );
  if ('error' in outcome) {
    expect(outcome.error, String(outcome.error)).toSatisfy(isContractError);
    return;
  }
  const { request } = outcome;
  if (request.kind === 'text') {
    expect(request.text.trim()).not.toBe('');
    expect(request.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  } else {
    expect(SUPPORTED_IMAGE_TYPES).toContain(request.type);
    expect(detectImageType(request.image)).toBe(request.type);
    expect(request.image.length).toBeGreaterThan(0);
    expect(request.image.length).toBeLessThanOrEqual(MAX_BODY_BYTES);
  }
}

describe('parseScanRequest on arbitrary bodies and content types', () => {
  it('resolves to a well-formed request or rejects with a 400/413/415 error, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(event, contentType, async ({ body, isBase64Encoded }, type) =>
        expectContractOutcome({ body, contentType: type, isBase64Encoded }),
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('answers every multipart body, whole or cut anywhere, with a request or a 400/415 (never a crash)', async () => {
    await fc.assert(
      fc.asyncProperty(multipartBytes, async (bytes) =>
        expectContractOutcome({
          body: bytes.toString('base64'),
          contentType: 'multipart/form-data; boundary=XyZ',
          isBase64Encoded: true,
        }),
      ),
      run,
    );
  });

  it('decides a raw photo from its bytes: every image/* type claimed gives the same outcome', async () => {
    const outcome = (bytes: Uint8Array, type: string) =>
      parseScanRequest({
        body: Buffer.from(bytes).toString('base64'),
        contentType: type,
        isBase64Encoded: true,
      }).then(
        (request) => (request.kind === 'image' ? request.type : 'text'),
        (error: unknown) => (error as Error).name,
      );
    const photoBytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc
        .tuple(
          fc.constantFrom([0xff, 0xd8, 0xff], PNG_MAGIC, [...Buffer.from('GIF8')]),
          fc.uint8Array({ maxLength: 64 }),
        )
        .map(([magic, rest]) => Uint8Array.from([...magic, ...rest])),
    );
    await fc.assert(
      fc.asyncProperty(photoBytes, async (bytes) => {
        const claimed = await Promise.all(
          ['image/png', 'image/jpeg', 'image/webp', 'application/octet-stream'].map((type) =>
            outcome(bytes, type),
          ),
        );
        expect(new Set(claimed).size).toBe(1);
      }),
      run,
    );
  });

  it('returns {"text"} exactly as sent when it is non-blank and within the limit, else 400/413', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const outcome = await parseScanRequest({
          body: JSON.stringify({ text }),
          contentType: 'application/json',
          isBase64Encoded: false,
        }).catch((error: unknown) => error);
        if (text.length > MAX_TEXT_CHARS) expect(outcome).toBeInstanceOf(PayloadTooLargeError);
        else if (text.trim() === '') expect(outcome).toBeInstanceOf(InvalidRequestError);
        else expect(outcome).toEqual({ kind: 'text', text });
      }),
      run,
    );
  });

  it('returns the exact bytes of {"image": base64} when they are a JPEG, PNG or WebP, else 415', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 256 }),
      fc.uint8Array({ maxLength: 256 }).map((rest) => Uint8Array.from([...PNG_MAGIC, ...rest])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (image) => {
        const outcome = await parseScanRequest({
          body: JSON.stringify({ image: Buffer.from(image).toString('base64') }),
          contentType: 'application/json',
          isBase64Encoded: false,
        }).catch((error: unknown) => error);
        if (SUPPORTED_IMAGE_TYPES.includes(detectImageType(image))) {
          expect(outcome).toMatchObject({ kind: 'image', image: Buffer.from(image) });
        } else {
          expect(outcome).toBeInstanceOf(UnsupportedMediaTypeError);
        }
      }),
      run,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Bands of a prepared image

/** A page of runs of rows: blank (paper), inked (a text line) or speckled (noise), of 1–12 rows each. */
const page = fc
  .record({
    width: fc.integer({ min: 1, max: 64 }),
    runs: fc.array(fc.tuple(fc.constantFrom('blank', 'ink', 'speckle'), fc.integer({ min: 1, max: 12 })), {
      minLength: 1,
      maxLength: 20,
    }),
    seed: fc.integer(),
  })
  .map(({ width, runs, seed }): PreparedImage => {
    const rows = runs.flatMap(([kind, length]) => Array.from({ length }, () => kind));
    let state = seed >>> 0;
    const random = () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
    const pixels = Buffer.alloc(width * rows.length, 255);
    rows.forEach((kind, y) => {
      for (let x = 0; x < width; x++) {
        const dark = kind === 'ink' ? random() < 0.4 : kind === 'speckle' ? random() < 0.01 : false;
        if (dark) pixels[y * width + x] = Math.floor(random() * 100);
      }
    });
    const pgm = Buffer.concat([Buffer.from(`P5\n${width} ${rows.length}\n255\n`), pixels]);
    return {
      pgm,
      pixels,
      width,
      height: rows.length,
      skewDegrees: 0,
      scale: 1,
      lightPrint: 0,
      lineHeight: 24,
      photoSize: [width, rows.length],
      reduction: 1,
      toPhoto: (box) => box,
    };
  });

describe('splitIntoBands on generated pages', () => {
  it('puts every row in exactly one band, in order, and each band file holds exactly its rows', () => {
    fc.assert(
      fc.property(page, fc.integer({ min: 1, max: 4 }), (prepared, count) => {
        const bands = splitIntoBands(prepared, count);

        expect(bands.length).toBeGreaterThanOrEqual(1);
        expect(bands.length).toBeLessThanOrEqual(count);
        expect(bands[0]?.top).toBe(0);
        expect(bands.at(-1)?.bottom).toBe(prepared.height);
        const { width } = prepared;
        for (const [index, band] of bands.entries()) {
          if (index > 0) {
            expect(band.top).toBe(bands[index - 1]?.bottom);
            // A cut goes through a blank row: at most two specks of ink (the pages here are at most 64 wide).
            const cutRow = prepared.pixels.subarray(band.top * width, (band.top + 1) * width);
            expect(cutRow.filter((value) => value < 255).length).toBeLessThanOrEqual(2);
          }
          expect(band.bottom).toBeGreaterThan(band.top);
          const above = band.top > 0 ? BAND_PADDING : 0;
          const below = band.bottom < prepared.height ? BAND_PADDING : 0;
          const rows = band.bottom - band.top + above + below;
          const header = `P5\n${width} ${rows}\n255\n`;
          expect(band.pgm.subarray(0, header.length).toString('latin1')).toBe(header);
          const body = band.pgm.subarray(header.length);
          expect(body.length).toBe(rows * width);
          expect(body.subarray(above * width, (rows - below) * width)).toEqual(
            prepared.pixels.subarray(band.top * width, band.bottom * width),
          );
        }
      }),
      run,
    );
  });
});
