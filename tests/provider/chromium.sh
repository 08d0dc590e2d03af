#!/bin/sh
# $BROWSER for oidctl's tests: real headless Chromium via playwright-core (see chromium.mjs).
exec node "$(dirname "$0")/chromium.mjs" "$@"
