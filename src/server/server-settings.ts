// The server settings read from the environment that concern how it sits behind HTTPS and
// proxies. Each problem names its variable, so `landfall serve` can list them and exit 2.
import type { Problem } from '../core/profile/normalise-profile.ts';
import { compileTrustedProxies, parseTrustedProxies } from './client-address.ts';

export interface ProxySettings {
  trustedProxies: string[];
  secureCookies: boolean;
}

const ON = new Set(['1', 'true', 'yes', 'on']);
const OFF = new Set(['0', 'false', 'no', 'off']);

/**
 * LANDFALL_TRUSTED_PROXIES (addresses or CIDR blocks), LANDFALL_PUBLIC_URL (the address users
 * open) and LANDFALL_SECURE_COOKIES (true/false). The Secure cookie flag defaults to on when the
 * public URL is https, since a browser then never sends the cookie over plain HTTP; off otherwise,
 * since a browser would drop a Secure cookie set over http://.
 */
export function readProxySettings(env: Readonly<Record<string, string | undefined>>): { settings: ProxySettings; problems: Problem[] } {
  const problems: Problem[] = [];
  const trustedProxies = parseTrustedProxies(env.LANDFALL_TRUSTED_PROXIES);
  try {
    compileTrustedProxies(trustedProxies);
  } catch (error) {
    problems.push({ path: 'LANDFALL_TRUSTED_PROXIES', message: `expected addresses or CIDR blocks separated by commas: ${error instanceof Error ? error.message : String(error)}` });
  }
  let isHttps = false;
  if (env.LANDFALL_PUBLIC_URL) {
    try {
      isHttps = new URL(env.LANDFALL_PUBLIC_URL).protocol === 'https:';
    } catch {
      problems.push({ path: 'LANDFALL_PUBLIC_URL', message: `expected a URL such as https://landfall.example.com; received "${env.LANDFALL_PUBLIC_URL}"` });
    }
  }
  let secureCookies = isHttps;
  const secure = env.LANDFALL_SECURE_COOKIES?.trim().toLowerCase();
  if (secure) {
    if (ON.has(secure)) secureCookies = true;
    else if (OFF.has(secure)) secureCookies = false;
    else problems.push({ path: 'LANDFALL_SECURE_COOKIES', message: `expected true or false; received "${env.LANDFALL_SECURE_COOKIES}"` });
  }
  return { settings: { trustedProxies, secureCookies }, problems };
}
