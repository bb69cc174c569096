#!/usr/bin/env bash
# Regenerates the TypeScript types of the external APIs from the official specs in specs/
# (copies of ../shared/specs). openapi-typescript 7 wants TypeScript 5 as a peer (Voordeur uses
# TypeScript 7 to typecheck), so it runs from a throw-away folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
specs="${SPECS_DIR:-$root/specs}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent openapi-typescript@7.13.0 typescript@5)
# spec file (without -api.yaml) → output file under src/sources/
targets=(
  "zaken:zgw/generated/zaken.ts"
  "catalogi:zgw/generated/catalogi.ts"
  "documenten:zgw/generated/documenten.ts"
  "brp-personen:brp/generated/brp-personen.ts"
  "klantinteracties:klantinteracties/generated/klantinteracties.ts"
  "objects:objecten/generated/objects.ts"
  "notificaties:notificaties/generated/notificaties.ts"
  "open-product-producten:openproduct/generated/producten.ts"
  "open-product-producttypen:openproduct/generated/producttypen.ts"
)
for target in "${targets[@]}"; do
  api="${target%%:*}"
  out="$root/src/sources/${target#*:}"
  mkdir -p "$(dirname "$out")"
  (cd "$work" && npx openapi-typescript "$specs/$api-api.yaml" -o "$work/$api.ts")
  { echo "/* Generated from specs/$api-api.yaml by scripts/generate-api-types.sh (openapi-typescript 7). Do not edit. */"; cat "$work/$api.ts"; } > "$out"
done
