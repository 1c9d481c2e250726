import { getCountryCallingCode, isSupportedCountry, type CountryCode } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';

// Country calling codes from libphonenumber (Google's telephone numbering metadata, as libphonenumber-js ships it).

/** True for an ISO 3166-1 alpha-2 code that has a telephone country calling code. */
export const hasCallingCode = (country: string): boolean => isSupportedCountry(country as CountryCode, metadata);

/**
 * Why a number prefix cannot belong to the country, or undefined when it can. Connect searches numbers of
 * `countryCode` that start with `prefix` (E.164, "+" and the country calling code first), so `+44` with `US`
 * can never find one.
 */
export function prefixProblem(country: string, prefix: string): string | undefined {
  if (!hasCallingCode(country)) return undefined; // the country code's own rule reports it
  const callingCode = `+${getCountryCallingCode(country as CountryCode, metadata)}`;
  return prefix.startsWith(callingCode) ? undefined : `must start with ${callingCode}, the calling code of ${country}`;
}
