// The rule of Generate Value (the secret form): which characters, how long, and how they are drawn. Pure: the
// random bytes come from the caller (the host passes the Web Crypto getRandomValues, a CSPRNG).
// Drawing is unbiased: a 32-bit random number is used only when it falls below the largest multiple of the
// alphabet's size (rejection sampling), so no character is likelier than another (no modulo bias). A value must
// hold at least one character of every chosen set; one that does not is drawn again as a whole, which keeps
// every acceptable value equally likely (filling the sets first and shuffling would not).

import { t } from './l10n';

/** The character sets. Symbols leave out quotes, backslash, backtick, `$` and space, which shells and .env files interpret. */
export const CHARACTER_SETS = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  symbols: '!#%&()*+,-./:;<=>?@[]^_{|}~',
} as const;

export type CharacterSet = keyof typeof CHARACTER_SETS;
export const CHARACTER_SET_NAMES: readonly CharacterSet[] = ['lower', 'upper', 'digits', 'symbols'];

export const GENERATE_LIMITS = { minLength: 8, maxLength: 1024, defaultLength: 32 } as const;

export interface GenerateOptions {
  readonly length: number;
  readonly sets: readonly CharacterSet[];
}

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = {
  length: GENERATE_LIMITS.defaultLength,
  sets: CHARACTER_SET_NAMES,
};

/** Fills the array with random bytes (crypto.getRandomValues). */
export type RandomFill = (bytes: Uint32Array) => void;

export function isCharacterSet(x: unknown): x is CharacterSet {
  return typeof x === 'string' && (CHARACTER_SET_NAMES as readonly string[]).includes(x);
}

/** Why options cannot be used (untrusted: they come from a webview message), or undefined when they can. */
export function checkGenerateOptions(o: { readonly length: unknown; readonly sets: unknown }): string | undefined {
  const { minLength, maxLength } = GENERATE_LIMITS;
  if (typeof o.length !== 'number' || !Number.isInteger(o.length) || o.length < minLength || o.length > maxLength)
    return `The length must be a whole number from ${minLength} to ${maxLength}.`;
  if (!Array.isArray(o.sets) || o.sets.length === 0) return 'Choose at least one kind of character.';
  if (!o.sets.every(isCharacterSet)) return 'Unknown kind of character.';
  if (new Set(o.sets).size !== o.sets.length) return 'Each kind of character can be chosen once.';
  return undefined;
}

/** A uniformly random integer in [0, size): rejection sampling over 32-bit draws, so no value is favoured. */
export function randomBelow(size: number, random: RandomFill): number {
  if (!Number.isInteger(size) || size < 1 || size > 2 ** 32) throw new RangeError(`size ${size} is out of range`);
  const range = 2 ** 32;
  const limit = range - (range % size); // the largest multiple of size not above 2^32
  const draw = new Uint32Array(1);
  for (;;) {
    random(draw);
    const x = draw[0] ?? 0;
    if (x < limit) return x % size;
  }
}

/** How many whole draws may miss a chosen set before giving up (never reached: at length 8 of 4 sets a draw misses one with p < 0.6). */
const MAX_ATTEMPTS = 1000;

/** A random value of `length` characters from the chosen sets, with at least one of each. Throws on bad options. */
export function generateValue(options: GenerateOptions, random: RandomFill): string {
  const problem = checkGenerateOptions(options);
  if (problem !== undefined) throw new RangeError(problem);
  const sets = options.sets.map((s) => CHARACTER_SETS[s]);
  const alphabet = sets.join('');
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const chars: string[] = [];
    for (let i = 0; i < options.length; i++) chars.push(alphabet[randomBelow(alphabet.length, random)] ?? '');
    const used = new Set(chars);
    if (sets.every((set) => [...set].some((c) => used.has(c)))) return chars.join('');
  }
  throw new Error(t('Could not generate a value with every chosen kind of character. Try a longer value.'));
}
