#!/bin/sh
# Prisma's CLI insists on a native schema engine even for `generate`, and cannot download one offline.
# `generate` never calls it; migrations go through scripts/migrate.ts (the WASM engine) instead.
echo "The native Prisma schema engine is not used in this project: run 'pnpm db:migrate' or 'pnpm db:migration:new <name>'." >&2
exit 1
