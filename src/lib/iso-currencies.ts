/**
 * ISO 4217 codes of the currencies in use that prices are quoted in: the codes of
 * private.iso_currencies (supabase/migrations/20261210000200), which the orders import and
 * inquiries refuse any other code than (the import takes the store's own currency too);
 * tests/db/engine-import.test.ts checks the two agree. The browser's own list
 * (`Intl.supportedValuesOf('currency')`) keeps withdrawn codes such as HRK and lacks new ones such
 * as VED, so a file it passed could be refused by the database.
 */
export const isoCurrencies: ReadonlySet<string> = new Set(
  ('AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS ' +
    'GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW ' +
    'KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR ' +
    'MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR ' +
    'SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX ' +
    'USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG').split(' '),
);
