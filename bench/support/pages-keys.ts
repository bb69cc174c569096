/** The credentials bench/pages.ts gives its simulators and Voordeur (bench only). */
export const benchKeys = {
  brp: 'voordeur-bench-brp-key',
  kvk: 'voordeur-bench-kvk-key',
  klantinteracties: 'voordeur-bench-klantinteracties-token',
  objecten: 'voordeur-bench-objecten-token',
  zgwClient: { clientId: 'voordeur-bench', secret: 'voordeur-bench-zgw-secret-0123456789' },
  ogone: { pspid: 'voorbeeldstad', shaIn: 'bench-sha-in-passphrase', shaOut: 'bench-sha-out-passphrase', algorithm: 'sha512' as const },
};
