/**
 * The engine's generic refusal reasons by their shape. `private.reject(field, reason)` and the
 * input rules (`private.clean_*`, the CHECK-mirroring triggers) write a field's rule in a few
 * fixed forms ("is required", "must be at most 120 characters", "must be one of en, es, zh-CN",
 * "must be a … such as USD", "must be a whole number from 1 to 10"); this reads which form and its
 * figures, so the member side and the console can say it in their reader's language. A reason of
 * no known shape is `null`: the caller decides what to say then.
 */
export type ReasonShape =
  | { kind: 'required' }
  | { kind: 'taken' }
  | { kind: 'email' }
  | { kind: 'phone' }
  | { kind: 'internationalPhone' }
  | { kind: 'wechat' }
  | { kind: 'oneLine' }
  | { kind: 'controlCharacters' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'atMost'; max: number }
  | { kind: 'atLeast'; min: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'oneOf'; values: string }
  | { kind: 'example'; example: string };

export function reasonShape(reason: string): ReasonShape | null {
  if (/^is required\b/.test(reason)) return { kind: 'required' };
  if (reason === 'is already taken') return { kind: 'taken' };
  if (reason === 'is not an email address') return { kind: 'email' };
  // clean_format's international_phone (a WhatsApp number) before any phone number's.
  if (reason.startsWith('must be a phone number with +')) return { kind: 'internationalPhone' };
  if (reason.startsWith('must be a phone number')) return { kind: 'phone' };
  if (reason.startsWith('must be a WeChat ID')) return { kind: 'wechat' };
  if (/^must be (a single line|single-line texts)/.test(reason)) return { kind: 'oneLine' };
  if (reason === 'must not contain control characters') return { kind: 'controlCharacters' };
  const longest = /^must be at most (\d+) characters/.exec(reason);
  if (longest) return { kind: 'tooLong', max: Number(longest[1]) };
  const most = /^must (?:be|hold) at most (\d+) \w+$/.exec(reason);
  if (most) return { kind: 'atMost', max: Number(most[1]) };
  const range = /(?:between|from) (\d+) (?:and|to) (\d+)/.exec(reason);
  if (range) return { kind: 'range', min: Number(range[1]), max: Number(range[2]) };
  const least = /^must be (?:at least|a whole number of \w+ from) (\d+)$/.exec(reason);
  if (least) return { kind: 'atLeast', min: Number(least[1]) };
  const among = /^must be one of (.+)$/.exec(reason);
  if (among) return { kind: 'oneOf', values: among[1]! };
  // An example that is code (`such as {"en": "…"}`) says nothing outside the API's documentation.
  const example = /^must be .+ such as ([^\s{[,][^\s,]*)/.exec(reason);
  if (example) return { kind: 'example', example: example[1]! };
  return null;
}
