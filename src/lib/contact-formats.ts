/**
 * A business card's e-mail address, phone numbers and WeChat ID as the database takes them
 * (private.is_email, is_phone, is_wechat_id), for the forms that check them before sending: the
 * buyer's join card, their card on My membership and the merchant's card in the console. A form
 * with a looser rule let a value through that the database then refused, and named that field only
 * after the others were mended and sent again. Values are checked as trimmed, as the database
 * trims them.
 */

/** private.is_email, character for character: one `@`, a local part of at most 64 characters, a dotted domain. */
export const isEmail = (value: string) =>
  [...value].length <= 254
  && !/[\u0001-\u001f\u007f-\u009f\u2028\u2029]/.test(value)
  && /^[^\][\s@<>(),;:"\\]{1,64}@([^\][\s@<>(),;:"\\.]+\.)+[^\][\s@<>(),;:"\\.]{2,63}$/u.test(value);

/** private.is_phone: `+`, digits, spaces and `( ) . - /` with at least 4 digits, an optional extension ("ext. 12"). */
export const isPhone = (value: string) =>
  value.length <= 40 && /^\+?[0-9 ()./-]{4,32}((ext\.?|x|#) ?[0-9]{1,6})?$/.test(value) && /([0-9][^0-9]*){4}/.test(value);

/**
 * clean_format's `international_phone`, a buyer's WhatsApp number: a phone number from `+` and its
 * country code, the only form WhatsApp reaches (a wa.me link dials the digits as written).
 */
export const isInternationalPhone = (value: string) => isPhone(value) && /^\+[1-9]/.test(value);

/** private.is_wechat_id: letters, digits and `_ . + -` (spaces within), at most 60, from a letter, digit or `+`. */
export const isWechatId = (value: string) => /^[A-Za-z0-9+][A-Za-z0-9_.+ -]{0,59}$/.test(value);
